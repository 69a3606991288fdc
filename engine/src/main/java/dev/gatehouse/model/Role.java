package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The role in which somebody approved a release. */
public enum Role {
    SERVICE_OWNER("service-owner"),
    RELEASE_MANAGER("release-manager"),
    SECURITY("security"),
    TENANT_GOVERNANCE("tenant-governance");

    private final String wire;

    Role(String wire) {
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
