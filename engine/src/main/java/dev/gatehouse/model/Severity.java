package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The severity of a security finding or a residual risk. */
public enum Severity {
    CRITICAL("critical"),
    HIGH("high"),
    MEDIUM("medium"),
    LOW("low");

    private final String wire;

    Severity(String wire) {
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
