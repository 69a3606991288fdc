package dev.gatehouse.facts;

/** The environment profile: {@code /profile}. {@code renderedFromCommit} is null when not rendered from config. */
public record Profile(String name, String renderedFromCommit, int manualSteps) implements Traceable {
    @Override
    public String ref() {
        return "/profile";
    }
}
