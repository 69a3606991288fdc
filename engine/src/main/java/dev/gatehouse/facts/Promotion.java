package dev.gatehouse.facts;

/** The promotion step: {@code /promotion}. {@code requestedRing} is null when not asked for. */
public record Promotion(String from, String to, Integer requestedRing) implements Traceable {
    @Override
    public String ref() {
        return "/promotion";
    }
}
