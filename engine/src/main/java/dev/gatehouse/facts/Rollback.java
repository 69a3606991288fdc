package dev.gatehouse.facts;

import java.time.Instant;
import java.util.List;

/** The rollback plan: {@code /rollback}. {@code rehearsedAt} is null when never rehearsed. */
public record Rollback(String strategy, List<String> previousDigests, Instant rehearsedAt) implements Traceable {
    public Rollback {
        previousDigests = List.copyOf(previousDigests);
    }

    @Override
    public String ref() {
        return "/rollback";
    }
}
