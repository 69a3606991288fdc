package dev.gatehouse.facts;

/** One artifact being promoted: {@code /release/artifacts/i}. */
public record Artifact(String name, String digest, int index) implements Traceable {
    public String pointer() {
        return "/release/artifacts/" + index;
    }

    @Override
    public String ref() {
        return pointer();
    }
}
