package dev.gatehouse.facts;

import java.time.Instant;

/** One approval: {@code /approvals/i}. */
public record Approval(String role, String by, Instant at, int index) implements Traceable {
    public String pointer() {
        return "/approvals/" + index;
    }

    @Override
    public String ref() {
        return pointer();
    }
}
