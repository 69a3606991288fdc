package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.BAD_FORMAT;
import static dev.gatehouse.model.DiagnosticCode.BAD_VALUE;
import static dev.gatehouse.model.DiagnosticCode.MISSING_FIELD;
import static dev.gatehouse.model.DiagnosticCode.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.internal.load.DocumentReader;
import dev.gatehouse.internal.load.Locations;
import dev.gatehouse.model.DiagnosticCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One parsed JSON or YAML artifact: its name as given, its tree, where each pointer is in the file,
 * and the format it is read as (for messages). Reading a field the mapping needs that is absent or
 * of the wrong type adds a diagnostic naming the file and the JSON Pointer.
 */
final class Artifact {
    static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");
    static final Pattern DIGEST = Pattern.compile("^sha256:[0-9a-f]{64}$");
    static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{40}$");

    final String file;
    final String format;
    final JsonNode root;
    final Locations locations;
    final Problems problems;

    Artifact(String file, String format, JsonNode root, Locations locations, Problems problems) {
        this.file = file;
        this.format = format;
        this.root = root;
        this.locations = locations;
        this.problems = problems;
    }

    /**
     * Parses {@code bytes} as JSON, or as YAML (the engine's safe reader: anchors, aliases, tags and
     * second documents are refused) when {@code yaml}; null after adding the reason to {@code problems}.
     */
    static Artifact parse(
            byte[] bytes, String file, String format, boolean yaml, DocumentReader reader, Problems problems) {
        DocumentReader.Result r = yaml ? reader.parseYaml(bytes, file) : reader.parseJson(bytes, file);
        if (r.document() == null) {
            problems.addAll(r.diagnostics());
            return null;
        }
        return new Artifact(file, format, r.document().tree(), r.document().locations(), problems);
    }

    /** Whether a file name says YAML ({@code .yaml}, {@code .yml}, any case). */
    static boolean isYamlName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    Node root() {
        return new Node(root, "");
    }

    Origin origin(String pointer) {
        Locations.Position p = locations.exact(pointer);
        return new Origin(file, pointer, p == null ? 0 : p.line());
    }

    void error(DiagnosticCode code, String pointer, String message) {
        problems.at(code, new Origin(file, pointer, 0), message);
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** A node of this artifact and its pointer; a missing node has a null value. */
    final class Node {
        final JsonNode value;
        final String pointer;

        Node(JsonNode value, String pointer) {
            this.value = value;
            this.pointer = pointer;
        }

        Artifact artifact() {
            return Artifact.this;
        }

        Node get(String name) {
            JsonNode v = value != null && value.isObject() ? value.get(name) : null;
            return new Node(v, pointer + "/" + escape(name));
        }

        boolean present() {
            return value != null && !value.isNull();
        }

        Origin origin() {
            return Artifact.this.origin(pointer);
        }

        /** Reports this absent node as a field the mapping needs; returns false. */
        boolean missing(String what) {
            error(MISSING_FIELD, pointer, "is required: the " + format + " importer reads " + what + " from it");
            return false;
        }

        /** An object the mapping needs: true if present and an object, else reported. */
        boolean requireObject(String what) {
            if (!present()) {
                return missing(what);
            }
            if (!value.isObject()) {
                error(WRONG_TYPE, pointer, "must be an object");
                return false;
            }
            return true;
        }

        /** The items of a list the mapping needs (empty after reporting when absent or not a list). */
        List<Node> requireArray(String what) {
            if (!present()) {
                missing(what);
                return List.of();
            }
            return items();
        }

        /** The items of an optional list: none when absent or null; reported when not a list. */
        List<Node> optArray() {
            if (!present()) {
                return List.of();
            }
            return items();
        }

        private List<Node> items() {
            if (!value.isArray()) {
                error(WRONG_TYPE, pointer, "must be a list");
                return List.of();
            }
            List<Node> out = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                out.add(new Node(value.get(i), pointer + "/" + i));
            }
            return out;
        }

        /** A string the mapping needs (null after reporting). Blank counts as absent. */
        String requireText(String what) {
            if (!present()) {
                missing(what);
                return null;
            }
            if (!value.isTextual()) {
                error(WRONG_TYPE, pointer, "must be a string");
                return null;
            }
            if (value.textValue().isBlank()) {
                error(BAD_VALUE, pointer, "must not be blank: the " + format + " importer reads " + what + " from it");
                return null;
            }
            return value.textValue();
        }

        /** An optional string: null when absent, null or blank; reported when not a string. */
        String optText() {
            if (!present()) {
                return null;
            }
            if (!value.isTextual()) {
                error(WRONG_TYPE, pointer, "must be a string");
                return null;
            }
            return value.textValue().isBlank() ? null : value.textValue();
        }

        /** An RFC 3339 time the mapping needs, as a UTC instant (null after reporting). */
        Instant requireInstant(String what) {
            String text = requireText(what);
            return text == null ? null : instant(text);
        }

        /** An optional RFC 3339 time, as a UTC instant (null when absent; reported when malformed). */
        Instant optInstant() {
            String text = optText();
            return text == null ? null : instant(text);
        }

        private Instant instant(String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                error(BAD_FORMAT, pointer, "must be an RFC 3339 time such as 2026-11-28T12:00:00Z, not '" + text + "'");
                return null;
            }
        }

        /** A {@code sha256:<hex>} digest the mapping needs (null after reporting). */
        String requireDigest(String what) {
            String text = requireText(what);
            if (text == null) {
                return null;
            }
            if (!DIGEST.matcher(text).matches()) {
                error(BAD_FORMAT, pointer, "must be a digest sha256:<64 lower-case hex>, not '" + text + "'");
                return null;
            }
            return text;
        }
    }
}
