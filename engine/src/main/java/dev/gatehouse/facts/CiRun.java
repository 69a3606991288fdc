package dev.gatehouse.facts;

import java.time.Instant;

/** The CI run: {@code /ci}. */
public record CiRun(String runId, String commit, Instant finishedAt) implements Traceable {
    @Override
    public String ref() {
        return "/ci";
    }
}
