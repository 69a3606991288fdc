package dev.gatehouse.facts;

/** The release: {@code /release} of the evidence. */
public record Release(String service, String version, String commit, String author, String changeClass)
        implements Traceable {
    @Override
    public String ref() {
        return "/release";
    }
}
