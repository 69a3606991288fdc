package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** An environment of the promotion path. */
public enum Environment {
    KIND("kind"),
    DEV_CONTROL("dev-control"),
    DEMO("demo"),
    STAGING("staging"),
    PRODUCTION("production");

    private final String wire;

    Environment(String wire) {
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
