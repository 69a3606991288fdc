package dev.gatehouse.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One change to an input document of the variant. The text forms (as on the command line) name
 * the document with an optional prefix, {@code evidence:} (the default) or {@code readback:}:
 * <ul>
 *   <li>{@code [evidence:|readback:]POINTER=JSON}: set. Replaces the value at POINTER when it
 *       exists, else adds it (RFC 6902 add: {@code /approvals/-} appends to an array).
 *   <li>{@code [evidence:|readback:]POINTER}: unset (RFC 6902 remove; the target must exist).
 *   <li>{@code [evidence:|readback:]FILE}: an RFC 6902 JSON Patch, a JSON array of operations.
 * </ul>
 */
public sealed interface Edit {
    /** The document it changes. */
    Target target();

    /** Sets {@code pointer} to {@code value}: replace when it exists, add otherwise. */
    record Set(Target target, String pointer, JsonNode value) implements Edit {
        public Set {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Removes the value at {@code pointer}, which must exist. */
    record Unset(Target target, String pointer) implements Edit {
        public Unset {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(pointer, "pointer");
        }
    }

    /** An RFC 6902 JSON Patch (a JSON array of operations); {@code label} names it in diagnostics. */
    record Patch(Target target, String label, JsonNode operations) implements Edit {
        public Patch {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(operations, "operations");
        }
    }

    /** Parses {@code [evidence:|readback:]POINTER=JSON}; the pointer ends at the first {@code =}. */
    static Set parseSet(String text) {
        Target t = targetOf(text);
        String rest = withoutPrefix(text, t);
        int eq = rest.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("'" + text + "' must be POINTER=JSON, e.g. /ci/checks/test=\"passed\"");
        }
        String pointer = pointer(rest.substring(0, eq), text);
        String json = rest.substring(eq + 1);
        try {
            JsonNode value = dev.gatehouse.internal.json.Json.strict().readTree(json);
            if (value == null || value.isMissingNode()) {
                throw new IllegalArgumentException(
                        "'" + text + "': the value after = is empty; write JSON, e.g. \"text\", 3, true, null");
            }
            return new Set(t, pointer, value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("'" + text + "': the value after = is not JSON"
                    + (json.startsWith("\"") || json.startsWith("{") || json.startsWith("[")
                            ? ""
                            : " (a string needs quotes: \"" + json + "\")"));
        }
    }

    /** Parses {@code [evidence:|readback:]POINTER}. */
    static Unset parseUnset(String text) {
        Target t = targetOf(text);
        return new Unset(t, pointer(withoutPrefix(text, t), text));
    }

    /** Reads {@code [evidence:|readback:]FILE}: a JSON array of RFC 6902 operations. */
    static Patch readPatch(String text) {
        Target t = targetOf(text);
        Path file = Path.of(withoutPrefix(text, t));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the patch " + file + ": " + e.getMessage());
        }
        JsonNode ops;
        try {
            ops = dev.gatehouse.internal.json.Json.strict().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the patch " + file + " is not JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the patch " + file + ": " + e.getMessage());
        }
        if (ops == null || !ops.isArray()) {
            throw new IllegalArgumentException("the patch " + file + " must be a JSON array of RFC 6902 operations");
        }
        return new Patch(t, file.toString(), ops);
    }

    private static Target targetOf(String text) {
        for (Target t : Target.values()) {
            if (text.startsWith(t.prefix() + ":")) {
                return t;
            }
        }
        return Target.EVIDENCE;
    }

    private static String withoutPrefix(String text, Target t) {
        return text.startsWith(t.prefix() + ":") ? text.substring(t.prefix().length() + 1) : text;
    }

    private static String pointer(String pointer, String text) {
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            throw new IllegalArgumentException("'" + text
                    + "': the pointer must start with / (RFC 6901), optionally after evidence: or readback:");
        }
        return pointer;
    }
}
