package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The status a relevant exception ends in, as the decision reports it ({@code exceptions[].status}, see
 * docs/contract.md). The rules conclude it ({@code ExceptionStatus}); these are the values they may use.
 */
public enum ExceptionState {
    APPLIED("applied"),
    UNUSED("unused"),
    EXPIRED("expired"),
    UNAPPROVED("unapproved"),
    INEFFECTIVE("ineffective"),
    INVALID("invalid");

    private final String wire;

    ExceptionState(String wire) {
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
