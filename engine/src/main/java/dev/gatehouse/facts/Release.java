package dev.gatehouse.facts;

import dev.gatehouse.model.ChangeClass;

/**
 * The release: {@code /release} of the evidence. {@code author} is the identity as written (for
 * messages); {@code person} is who that is ({@link Persons#key}): compare people by {@code person}.
 */
public record Release(
        String service,
        String version,
        String commit,
        String author,
        @OneOf(ChangeClass.class) String changeClass,
        String person)
        implements Traceable {
    public Release {
        java.util.Objects.requireNonNull(person, "person");
    }

    public Release(String service, String version, String commit, String author, String changeClass) {
        this(service, version, commit, author, changeClass, Persons.key(author));
    }

    @Override
    public String ref() {
        return "/release";
    }
}
