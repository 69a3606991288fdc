package dev.gatehouse.facts;

import dev.gatehouse.model.Role;
import java.time.Instant;

/**
 * One approval: {@code /approvals/i}. {@code by} is the identity as written (for messages);
 * {@code person} is who that is ({@link Persons#key}): compare people by {@code person}, never by {@code by}.
 */
public record Approval(@OneOf(Role.class) String role, String by, Instant at, int index, String person)
        implements Traceable {
    public Approval {
        java.util.Objects.requireNonNull(person, "person");
    }

    public Approval(String role, String by, Instant at, int index) {
        this(role, by, at, index, Persons.key(by));
    }

    public String pointer() {
        return "/approvals/" + index;
    }

    @Override
    public String ref() {
        return pointer();
    }
}
