package dev.gatehouse.facts;

import dev.gatehouse.model.Severity;
import dev.gatehouse.model.VexStatus;

/**
 * One security finding: {@code /security/findings/i}. {@code vexStatus} and {@code vexJustification} are
 * those of the VEX statement recorded on it (null when there is none, or no justification).
 */
public record Finding(
        String id,
        @OneOf(Severity.class) String severity,
        String artifact,
        boolean fixAvailable,
        @OneOf(VexStatus.class) String vexStatus,
        String vexJustification,
        int index)
        implements Traceable {
    /** A finding without a VEX statement. */
    public Finding(String id, String severity, String artifact, boolean fixAvailable, int index) {
        this(id, severity, artifact, fixAvailable, null, null, index);
    }

    public String pointer() {
        return "/security/findings/" + index;
    }

    @Override
    public String ref() {
        return pointer();
    }
}
