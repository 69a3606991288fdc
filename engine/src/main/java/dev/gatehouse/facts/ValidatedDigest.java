package dev.gatehouse.facts;

/** A digest CI validated: {@code /ci/validatedDigests/i}. */
public record ValidatedDigest(String digest, int index) implements Traceable {
    @Override
    public String ref() {
        return "/ci/validatedDigests/" + index;
    }
}
