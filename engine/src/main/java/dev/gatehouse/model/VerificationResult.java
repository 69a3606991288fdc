package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The result of a verification. */
public enum VerificationResult {
    PASSED("passed"),
    FAILED("failed");

    private final String wire;

    VerificationResult(String wire) {
        this.wire = wire;
    }

    /** The name used in documents. */
    @JsonValue
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
