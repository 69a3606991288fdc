package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The status of one CI check. */
public enum CheckStatus {
    PASSED("passed"),
    FAILED("failed"),
    SKIPPED("skipped");

    private final String wire;

    CheckStatus(String wire) {
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
