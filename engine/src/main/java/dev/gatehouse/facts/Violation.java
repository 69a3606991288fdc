package dev.gatehouse.facts;

import java.util.Objects;

/**
 * A conclusion: a control is not met. Inserted by control rules; its level comes from the
 * control's enforcement in the target environment.
 *
 * @param evidence JSON Pointer of the evidence it is about (into the evidence, readback or
 *     exception document; the documents' top-level fields do not overlap)
 */
public record Violation(String control, String level, String subject, String message, String evidence)
        implements Traceable {

    public Violation {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }

    /** A violation of {@code control} at its level in the target. */
    public static Violation of(Enforcement control, String subject, String message, String evidence) {
        return new Violation(control.control(), control.level(), subject, message, evidence);
    }

    public boolean soft() {
        return "soft".equals(level);
    }

    @Override
    public String ref() {
        return "violation " + control + (subject == null ? "" : " " + subject);
    }
}
