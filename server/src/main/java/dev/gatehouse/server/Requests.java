package dev.gatehouse.server;

import static dev.gatehouse.model.DiagnosticCode.BAD_CHANGE;
import static dev.gatehouse.model.DiagnosticCode.BAD_FORMAT;
import static dev.gatehouse.model.DiagnosticCode.MISSING_FIELD;
import static dev.gatehouse.model.DiagnosticCode.UNKNOWN_FIELD;
import static dev.gatehouse.model.DiagnosticCode.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.InputLimits;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.model.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads request bodies: {@code {"evidence": {...}, "readback": {...}, "exceptions": [...], "at": "..."}} for a
 * decision, and that plus {@code "changes"} for a what-if. The body is parsed as strictly as an input file (size,
 * nesting, number limits, no duplicate keys); the documents in it are then validated exactly as the command
 * validates files, each named in diagnostics as {@code evidence}, {@code readback} or {@code exceptions/<i>}.
 * An exception is a JSON object, or a string holding the YAML (or JSON) text of an exception file.
 */
final class Requests {
    /** The label of the body as a whole in diagnostics. */
    static final String BODY = "request";

    static final String EVIDENCE = "evidence";
    static final String READBACK = "readback";
    static final String EXCEPTIONS = "exceptions";
    static final int MAX_EXCEPTIONS = 500;
    static final int MAX_EDITS = 100;

    private static final Pattern UTC =
            Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$");
    private static final Pattern RELATIVE = Pattern.compile("^([+-])([0-9]{1,6})([dhms])$");
    private static final Set<String> DECISION_FIELDS = Set.of(EVIDENCE, READBACK, EXCEPTIONS, "at");
    private static final Set<String> WHATIF_FIELDS = Set.of(EVIDENCE, READBACK, EXCEPTIONS, "at", "changes");
    private static final Set<String> CHANGE_FIELDS = Set.of("edits", EXCEPTIONS, "at");

    /** A decision request, read: the validated input and the evaluation time (null: the server's clock). */
    record Decision(EvaluationInput input, Instant at) {}

    /** One edit of the variant, as the command's --set, --unset and --patch. */
    record Edit(String op, String document, String pointer, JsonNode value) {}

    /** A what-if request: the base's documents as trees, and the changes. */
    record WhatIf(
            JsonNode evidence,
            JsonNode readback,
            List<JsonNode> exceptions,
            Instant at,
            List<Edit> edits,
            List<JsonNode> variantExceptions,
            Instant variantAt,
            Duration variantOffset) {}

    private final InputLimits limits;

    Requests(long maxBodyBytes) {
        int max = (int) Math.min(maxBodyBytes, InputLimits.MAX_INPUT_BYTES_CEILING);
        this.limits =
                InputLimits.builder().maxInputBytes(max).maxTotalBytes(max).build();
    }

    JsonNode body(byte[] bytes) {
        try {
            return dev.gatehouse.internal.InputReading.readTree(bytes, BODY, false, limits);
        } catch (InvalidInputException e) {
            throw new BadRequest(e.diagnostics());
        }
    }

    Decision decision(byte[] bytes) {
        JsonNode body = body(bytes);
        List<Diagnostic> problems = new ArrayList<>();
        if (!body.isObject()) {
            throw bad(Diagnostic.input(
                    WRONG_TYPE,
                    BODY,
                    "",
                    "the request must be a JSON object with evidence, readback, "
                            + "and optionally exceptions and at"));
        }
        unknownFields(body, "", DECISION_FIELDS, problems);
        Instant at = instant(body, "/at", problems);
        List<JsonNode> exceptions = exceptionTrees(body.get(EXCEPTIONS), "/exceptions", problems);
        JsonNode evidence = document(body, EVIDENCE, problems);
        JsonNode readback = document(body, READBACK, problems);
        if (!problems.isEmpty()) {
            throw new BadRequest(sorted(problems));
        }
        return new Decision(input(evidence, readback, exceptions), at);
    }

    WhatIf whatIf(byte[] bytes) {
        JsonNode body = body(bytes);
        List<Diagnostic> problems = new ArrayList<>();
        if (!body.isObject()) {
            throw bad(Diagnostic.input(
                    WRONG_TYPE,
                    BODY,
                    "",
                    "the request must be a JSON object with evidence, readback, "
                            + "changes, and optionally exceptions and at"));
        }
        unknownFields(body, "", WHATIF_FIELDS, problems);
        Instant at = instant(body, "/at", problems);
        List<JsonNode> exceptions = exceptionTrees(body.get(EXCEPTIONS), "/exceptions", problems);
        JsonNode evidence = document(body, EVIDENCE, problems);
        JsonNode readback = document(body, READBACK, problems);
        JsonNode changes = body.get("changes");
        List<Edit> edits = new ArrayList<>();
        List<JsonNode> variantExceptions = null;
        Instant variantAt = null;
        Duration offset = null;
        if (changes == null || !changes.isObject()) {
            problems.add(Diagnostic.input(
                    changes == null ? MISSING_FIELD : WRONG_TYPE,
                    BODY,
                    "/changes",
                    "changes must be an object with edits, exceptions or at"));
        } else {
            unknownFields(changes, "/changes", CHANGE_FIELDS, problems);
            edits = edits(changes.get("edits"), problems);
            if (changes.has(EXCEPTIONS)) {
                variantExceptions = exceptionTrees(changes.get(EXCEPTIONS), "/changes/exceptions", problems);
            }
            JsonNode t = changes.get("at");
            if (t != null) {
                Matcher m = t.isTextual() ? RELATIVE.matcher(t.asText()) : null;
                if (m != null && m.matches()) {
                    long n = Long.parseLong(m.group(2)) * ("-".equals(m.group(1)) ? -1 : 1);
                    offset = switch (m.group(3)) {
                        case "d" -> Duration.ofDays(n);
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofSeconds(n);
                    };
                } else {
                    variantAt = instant(changes, "/changes/at", "at", problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadRequest(sorted(problems));
        }
        return new WhatIf(evidence, readback, exceptions, at, edits, variantExceptions, variantAt, offset);
    }

    /** Validates the documents exactly as the command validates files. */
    static EvaluationInput input(JsonNode evidence, JsonNode readback, List<JsonNode> exceptions) {
        return input(evidence, EVIDENCE, readback, READBACK, exceptions, EXCEPTIONS);
    }

    static EvaluationInput input(
            JsonNode evidence,
            String evidenceLabel,
            JsonNode readback,
            String readbackLabel,
            List<JsonNode> exceptions,
            String exceptionsLabel) {
        try {
            return dev.gatehouse.internal.InputReading.fromTrees(
                    evidence, evidenceLabel, readback, readbackLabel, exceptions, exceptionsLabel);
        } catch (InvalidInputException e) {
            throw new BadRequest(e.diagnostics());
        }
    }

    private List<Edit> edits(JsonNode node, List<Diagnostic> problems) {
        List<Edit> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            problems.add(Diagnostic.input(WRONG_TYPE, BODY, "/changes/edits", "edits must be an array"));
            return out;
        }
        if (node.size() > MAX_EDITS) {
            problems.add(Diagnostic.input(
                    BAD_CHANGE, BODY, "/changes/edits", "at most " + MAX_EDITS + " edits, not " + node.size()));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            String at = "/changes/edits/" + i;
            JsonNode e = node.get(i);
            if (!e.isObject()) {
                problems.add(Diagnostic.input(
                        WRONG_TYPE,
                        BODY,
                        at,
                        "an edit is an object: {\"set\": \"[evidence:|readback:]"
                                + "POINTER\", \"value\": JSON}, {\"unset\": \"[evidence:|readback:]POINTER\"} or {\"patch\": "
                                + "\"evidence|readback\", \"operations\": [...]}"));
                continue;
            }
            if (e.has("set") && e.size() == 2 && e.has("value") && e.get("set").isTextual()) {
                String[] p = target(e.get("set").asText(), at + "/set", problems);
                if (p != null) {
                    out.add(new Edit("set", p[0], p[1], e.get("value")));
                }
            } else if (e.has("unset") && e.size() == 1 && e.get("unset").isTextual()) {
                String[] p = target(e.get("unset").asText(), at + "/unset", problems);
                if (p != null) {
                    out.add(new Edit("unset", p[0], p[1], null));
                }
            } else if (e.has("patch")
                    && e.size() == 2
                    && e.path("operations").isArray()
                    && (EVIDENCE.equals(e.get("patch").asText(null))
                            || READBACK.equals(e.get("patch").asText(null)))) {
                out.add(new Edit("patch", e.get("patch").asText(), null, e.get("operations")));
            } else {
                problems.add(Diagnostic.input(
                        BAD_CHANGE,
                        BODY,
                        at,
                        "an edit is {\"set\": \"[evidence:|readback:]POINTER\", "
                                + "\"value\": JSON}, {\"unset\": \"[evidence:|readback:]POINTER\"} or {\"patch\": \"evidence|readback\", "
                                + "\"operations\": [...]}"));
            }
        }
        return out;
    }

    /** {@code [evidence:|readback:]POINTER} as {document, pointer}, or null with a problem. */
    private static String[] target(String text, String at, List<Diagnostic> problems) {
        String doc = EVIDENCE;
        String pointer = text;
        for (String d : List.of(EVIDENCE, READBACK)) {
            if (text.startsWith(d + ":")) {
                doc = d;
                pointer = text.substring(d.length() + 1);
            }
        }
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            problems.add(Diagnostic.input(
                    BAD_CHANGE,
                    BODY,
                    at,
                    "'" + text + "': the pointer must start with / (RFC 6901), "
                            + "optionally after evidence: or readback:"));
            return null;
        }
        return new String[] {doc, pointer};
    }

    private static JsonNode document(JsonNode body, String name, List<Diagnostic> problems) {
        JsonNode d = body.get(name);
        if (d == null || d.isNull()) {
            problems.add(Diagnostic.input(MISSING_FIELD, BODY, "/" + name, "the " + name + " document is required"));
            return null;
        }
        if (!d.isObject()) {
            problems.add(
                    Diagnostic.input(WRONG_TYPE, BODY, "/" + name, "the " + name + " document must be a JSON object"));
            return null;
        }
        return d;
    }

    private List<JsonNode> exceptionTrees(JsonNode node, String at, List<Diagnostic> problems) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problems.add(Diagnostic.input(WRONG_TYPE, BODY, at, "exceptions must be an array of exception documents"));
            return out;
        }
        if (node.size() > MAX_EXCEPTIONS) {
            problems.add(Diagnostic.input(
                    BAD_FORMAT, BODY, at, "at most " + MAX_EXCEPTIONS + " exceptions, not " + node.size()));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode x = node.get(i);
            if (x.isObject()) {
                out.add(x);
            } else if (x.isTextual()) {
                try {
                    out.add(dev.gatehouse.internal.InputReading.readTree(
                            x.asText().getBytes(StandardCharsets.UTF_8), EXCEPTIONS + "/" + i, true, limits));
                } catch (InvalidInputException e) {
                    problems.addAll(e.diagnostics());
                }
            } else {
                problems.add(Diagnostic.input(
                        WRONG_TYPE,
                        BODY,
                        at + "/" + i,
                        "an exception is a JSON object, or a string holding an exception file's YAML"));
            }
        }
        return out;
    }

    private static Instant instant(JsonNode body, String pointer, List<Diagnostic> problems) {
        return instant(body, pointer, "at", problems);
    }

    private static Instant instant(JsonNode object, String pointer, String field, List<Diagnostic> problems) {
        JsonNode t = object.get(field);
        if (t == null || t.isNull()) {
            return null;
        }
        if (t.isTextual() && UTC.matcher(t.asText()).matches()) {
            try {
                return Instant.parse(t.asText());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problems.add(Diagnostic.input(
                BAD_FORMAT,
                BODY,
                pointer,
                "must be an RFC 3339 UTC instant such as 2026-11-28T12:00:00Z"
                        + (pointer.startsWith("/changes")
                                ? ", or an offset from the base's time: +10d, +36h, -90m, +30s"
                                : "")));
        return null;
    }

    private static void unknownFields(JsonNode object, String at, Set<String> known, List<Diagnostic> problems) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(Diagnostic.input(
                        UNKNOWN_FIELD,
                        BODY,
                        at + "/" + name.replace("~", "~0").replace("/", "~1"),
                        "unknown field; expected one of " + new java.util.TreeSet<>(known)));
            }
        }
    }

    private static List<Diagnostic> sorted(List<Diagnostic> problems) {
        List<Diagnostic> out = new ArrayList<>(problems);
        out.sort(Diagnostic.ORDER);
        return out;
    }

    private static BadRequest bad(Diagnostic d) {
        return new BadRequest(List.of(d));
    }
}
