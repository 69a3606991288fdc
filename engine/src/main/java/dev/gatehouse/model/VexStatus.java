package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The status a VEX statement (OpenVEX, CycloneDX VEX) gives a vulnerability in a product, in OpenVEX's words. */
public enum VexStatus {
    NOT_AFFECTED("not_affected"),
    AFFECTED("affected"),
    FIXED("fixed"),
    UNDER_INVESTIGATION("under_investigation");

    private final String wire;

    VexStatus(String wire) {
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
