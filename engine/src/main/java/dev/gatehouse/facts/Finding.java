package dev.gatehouse.facts;

/** One security finding: {@code /security/findings/i}. */
public record Finding(String id, String severity, String artifact, boolean fixAvailable, int index)
        implements Traceable {
    public String pointer() {
        return "/security/findings/" + index;
    }

    @Override
    public String ref() {
        return pointer();
    }
}
