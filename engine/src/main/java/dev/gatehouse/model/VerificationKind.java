package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** A kind of verification a release went through. */
public enum VerificationKind {
    UAT("uat"),
    SECURITY_REVIEW("security-review"),
    STAGING_SOAK("staging-soak");

    private final String wire;

    VerificationKind(String wire) {
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
