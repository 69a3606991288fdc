package dev.gatehouse.facts;

import dev.gatehouse.model.Environment;

/** The promotion step: {@code /promotion}. {@code requestedRing} is null when not asked for. */
public record Promotion(
        @OneOf(Environment.class) String from,
        @OneOf(Environment.class) String to,
        Integer requestedRing) implements Traceable {
    @Override
    public String ref() {
        return "/promotion";
    }
}
