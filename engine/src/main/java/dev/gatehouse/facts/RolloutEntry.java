package dev.gatehouse.facts;

import java.time.Instant;

/** A production ring this release already reached: {@code /rollout/history/i}. */
public record RolloutEntry(int ring, Instant enteredAt, boolean healthy, int index) implements Traceable {
    public String pointer() {
        return "/rollout/history/" + index;
    }

    @Override
    public String ref() {
        return pointer();
    }
}
