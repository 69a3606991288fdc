package dev.gatehouse.facts;

/** A digest rollback returns to: {@code /rollback/previousDigests/i}. */
public record PreviousDigest(String digest, int index) implements Traceable {
    public String pointer() {
        return "/rollback/previousDigests/" + index;
    }

    @Override
    public String ref() {
        return pointer();
    }
}
