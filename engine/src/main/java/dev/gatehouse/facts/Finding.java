package dev.gatehouse.facts;

import dev.gatehouse.model.Severity;

/** One security finding: {@code /security/findings/i}. */
public record Finding(String id, @OneOf(Severity.class) String severity, String artifact, boolean fixAvailable, int index)
        implements Traceable {
    public String pointer() {
        return "/security/findings/" + index;
    }

    @Override
    public String ref() {
        return pointer();
    }
}
