package dev.gatehouse.facts;

/** A conclusion: {@code violation} is waived by the exception {@code exceptionId}. */
public record Waiver(Violation violation, String exceptionId) implements Traceable {
    @Override
    public String ref() {
        return exceptionId;
    }
}
