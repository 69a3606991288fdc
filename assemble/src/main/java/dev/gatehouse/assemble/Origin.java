package dev.gatehouse.assemble;

import dev.gatehouse.model.FieldSource;

/**
 * Where a value was read: a file, and a JSON Pointer into it (null for XML) and/or a line (0 when not known).
 */
record Origin(String file, String pointer, int line) {
    /** How a diagnostic or {@code --explain} names this place: {@code file: /pointer} or {@code file:line}. */
    String describe() {
        if (pointer != null) {
            return file + ": " + (pointer.isEmpty() ? "/" : pointer);
        }
        return line > 0 ? file + ":" + line : file;
    }

    /** The contract's record of this place as the source of {@code field}. */
    FieldSource sourceOf(String field) {
        return new FieldSource(field, file, pointer, line > 0 ? line : null);
    }
}
