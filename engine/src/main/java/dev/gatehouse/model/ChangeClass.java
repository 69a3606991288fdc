package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The class of change a release makes. */
public enum ChangeClass {
    WEB("web"),
    API("api"),
    CONTROL_PLANE("control-plane"),
    CONFIG("config"),
    DATA_MIGRATION("data-migration"),
    NODE_AGENT("node-agent"),
    RUNTIME("runtime"),
    GPU_DRIVER("gpu-driver");

    private final String wire;

    ChangeClass(String wire) {
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
