package dev.gatehouse.internal.load;

import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.Set;

/**
 * The three input documents. Their top-level fields do not overlap (apart from apiVersion and
 * kind), so the first segment of a decision's evidence pointer says which document it is in.
 */
public enum InputDocument {
    EVIDENCE("evidence", ReleaseEvidence.class),
    READBACK("readback", EnvironmentReadback.class),
    EXCEPTION("exception", RiskException.class);

    private final String wire;

    @SuppressWarnings("ImmutableEnumChecker") // Set.copyOf: unmodifiable
    private final Set<String> fields;

    InputDocument(String wire, Class<? extends Record> type) {
        this.wire = wire;
        Set<String> names = new HashSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        names.remove("apiVersion");
        names.remove("kind");
        this.fields = Set.copyOf(names);
    }

    /** The document's name in messages: evidence, readback or exception. */
    public String wire() {
        return wire;
    }

    /** The document a JSON Pointer points into, or null when its first segment is no document's field. */
    public static InputDocument of(String pointer) {
        if (pointer == null || !pointer.startsWith("/")) {
            return null;
        }
        String first = pointer.substring(1).split("/", -1)[0].replace("~1", "/").replace("~0", "~");
        for (InputDocument d : values()) {
            if (d.fields.contains(first)) {
                return d;
            }
        }
        return null;
    }
}
