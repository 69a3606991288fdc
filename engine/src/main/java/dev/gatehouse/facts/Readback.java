package dev.gatehouse.facts;

import dev.gatehouse.model.Environment;
import java.time.Instant;

/** The readback itself: which environment reported, and when ({@code /environment}, {@code /capturedAt}). */
public record Readback(@OneOf(Environment.class) String environment, Instant capturedAt) implements Traceable {
    @Override
    public String ref() {
        return "/capturedAt";
    }
}
