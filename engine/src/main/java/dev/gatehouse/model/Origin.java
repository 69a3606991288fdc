package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a promotion comes from: {@code ci} or an environment of the path. */
public enum Origin {
    CI("ci"),
    KIND("kind"),
    DEV_CONTROL("dev-control"),
    DEMO("demo"),
    STAGING("staging"),
    PRODUCTION("production");

    private final String wire;

    Origin(String wire) {
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
