package dev.gatehouse.whatif;

import dev.gatehouse.PolicyEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the variant changes relative to the base: edits of the evidence and readback (applied in
 * order), another exceptions folder, another evaluation time (absolute, or relative to the base's)
 * and another rulebase. Anything not set is as in the base. Build with {@link #builder()}.
 */
public record Changes(List<Edit> edits, Path exceptions, Instant at, Duration atOffset, PolicyEngine rules) {
    /** No change at all: the variant is the base. */
    public static final Changes NONE = new Changes(List.of(), null, null, null, null);

    public Changes {
        edits = List.copyOf(edits);
        if (at != null && atOffset != null) {
            throw new IllegalArgumentException(
                    "the variant's time is set both as " + at + " and as an offset " + atOffset);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds changes; fails fast on a setting given twice. */
    public static final class Builder {
        private final List<Edit> edits = new ArrayList<>();
        private Path exceptions;
        private Instant at;
        private Duration atOffset;
        private PolicyEngine rules;

        private Builder() {}

        /** Adds an edit; edits apply in the order added. */
        public Builder edit(Edit edit) {
            edits.add(Objects.requireNonNull(edit, "edit"));
            return this;
        }

        /** {@code [evidence:|readback:]POINTER=JSON}: see {@link Edit}. */
        public Builder set(String text) {
            return edit(Edit.parseSet(text));
        }

        /** {@code [evidence:|readback:]POINTER}: see {@link Edit}. */
        public Builder unset(String text) {
            return edit(Edit.parseUnset(text));
        }

        /** {@code [evidence:|readback:]FILE}: an RFC 6902 patch file, see {@link Edit}. */
        public Builder patch(String text) {
            return edit(Edit.readPatch(text));
        }

        /** Evaluate the variant with the exceptions of this folder instead of the base's. */
        public Builder exceptions(Path dir) {
            if (exceptions != null) {
                throw new IllegalStateException("the variant's exceptions were already set to " + exceptions);
            }
            exceptions = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Evaluate the variant at this instant. */
        public Builder at(Instant instant) {
            if (at != null || atOffset != null) {
                throw new IllegalStateException(
                        "the variant's time was already set to " + (at != null ? at : atOffset));
            }
            at = Objects.requireNonNull(instant, "instant");
            return this;
        }

        /** Evaluate the variant this long after (negative: before) the base's time. */
        public Builder atOffset(Duration offset) {
            if (at != null || atOffset != null) {
                throw new IllegalStateException(
                        "the variant's time was already set to " + (at != null ? at : atOffset));
            }
            atOffset = Objects.requireNonNull(offset, "offset");
            return this;
        }

        /** Evaluate the variant under another compiled rulebase. */
        public Builder rules(PolicyEngine engine) {
            if (rules != null) {
                throw new IllegalStateException("the variant's rulebase was already set to " + rules.rulebaseDigest());
            }
            rules = Objects.requireNonNull(engine, "engine");
            return this;
        }

        public Changes build() {
            return new Changes(edits, exceptions, at, atOffset, rules);
        }
    }
}
