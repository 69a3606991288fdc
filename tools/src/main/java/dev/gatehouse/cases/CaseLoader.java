package dev.gatehouse.cases;

import static dev.gatehouse.model.DiagnosticCode.BAD_CASE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.patch.JsonPatch;
import dev.gatehouse.patch.PatchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads golden cases from a fixtures folder, strictly: a malformed case.yaml is a diagnostic. */
public final class CaseLoader {
    private static final ObjectMapper YAML = Json.exactYaml();
    /** Reads a base's documents and writes patched ones: numbers kept exactly as written, duplicate keys refused. */
    static final ObjectMapper JSON = Json.exact();
    /** Where a case in patch form finds its base: {@code bases/NAME} in the nearest folder above it that has one. */
    public static final String BASES = "bases";

    private static final Set<String> TOP = Set.of("description", "at", "base", "evidence", "readback", "expect");
    private static final java.util.regex.Pattern BASE_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> EXPECT =
            Set.of("eligible", "ring", "ringReasons", "violations", "waived", "advisories", "exceptions", "invalid");

    private CaseLoader() {}

    /** The result: cases sorted by name, and diagnostics for folders that are not valid cases. */
    public record Loaded(List<GoldenCase> cases, List<Diagnostic> diagnostics) {
        public Loaded {
            cases = List.copyOf(cases);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Loads every case folder (a folder holding case.yaml) under {@code fixtures}, recursively. */
    public static Loaded load(Path fixtures) throws IOException {
        List<GoldenCase> cases = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(fixtures)) {
            files = s.filter(p -> p.getFileName().toString().equals("case.yaml"))
                    .sorted()
                    .toList();
        }
        for (Path caseFile : files) {
            Path dir = caseFile.getParent();
            String name = fixtures.relativize(dir).toString().replace('\\', '/');
            if (name.isEmpty()) {
                name = dir.getFileName().toString();
            }
            List<Diagnostic> mine = new ArrayList<>();
            GoldenCase c = read(name, dir, caseFile, mine);
            problems.addAll(mine);
            if (c != null && mine.isEmpty()) {
                cases.add(c);
            }
        }
        return new Loaded(cases, problems);
    }

    /**
     * Diagnostics for the expected violations, waivers and advisories of {@code cases} that name a control
     * the rulebase does not have ({@code controls}: its enforcement table), at the case file and the item's
     * pointer, with "did you mean". Such a case could never pass: it is a bad case, not a mismatch. Sorted.
     */
    public static List<Diagnostic> unknownControls(List<GoldenCase> cases, Set<String> controls) {
        List<Diagnostic> out = new ArrayList<>();
        for (GoldenCase c : cases) {
            String label = c.dir().resolve("case.yaml").toString();
            Map<String, List<Expectation.Item>> lists = new LinkedHashMap<>();
            lists.put("violations", c.expect().violations());
            lists.put("waived", c.expect().waived());
            lists.put("advisories", c.expect().advisories());
            lists.forEach((list, items) -> {
                for (int i = 0; i < items.size(); i++) {
                    String control = items.get(i).control();
                    if (!controls.contains(control)) {
                        out.add(Diagnostic.input(
                                BAD_CASE,
                                label,
                                "/expect/" + list + "/" + i + "/control",
                                "control "
                                        + control + " is not in the rulebase's enforcement table"
                                        + dev.gatehouse.internal.text.Suggest.didYouMean(control, controls)
                                        + ": the case could never pass"));
                    }
                }
            });
        }
        out.sort(Diagnostic.ORDER);
        return out;
    }

    private static GoldenCase read(String name, Path dir, Path caseFile, List<Diagnostic> problems) throws IOException {
        String label = caseFile.toString();
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(caseFile));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(Diagnostic.inputAt(
                    BAD_CASE,
                    label,
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                    e.getOriginalMessage().lines().findFirst().orElse("malformed YAML")));
            return null;
        }
        if (root == null || !root.isObject()) {
            problems.add(Diagnostic.input(BAD_CASE, label, "", "must be a mapping with at and expect"));
            return null;
        }
        unknown(root, TOP, "", label, problems);
        Instant at = null;
        JsonNode atNode = root.get("at");
        if (atNode == null || !atNode.isTextual()) {
            problems.add(Diagnostic.input(
                    BAD_CASE, label, "/at", "is required: the evaluation time, e.g. \"2026-11-28T12:00:00Z\""));
        } else {
            try {
                at = Instant.parse(atNode.asText());
            } catch (DateTimeParseException e) {
                problems.add(Diagnostic.input(BAD_CASE, label, "/at", "is not an RFC 3339 UTC instant"));
            }
        }
        JsonNode ex = root.get("expect");
        if (ex == null || !ex.isObject()) {
            problems.add(Diagnostic.input(BAD_CASE, label, "/expect", "is required: the expected decision"));
            return null;
        }
        unknown(ex, EXPECT, "/expect", label, problems);
        GoldenCase.Documents documents = documents(root, dir, label, problems);
        List<String> invalid = strings(ex.get("invalid"), "/expect/invalid", label, problems);
        Boolean eligible = null;
        if (invalid == null) {
            JsonNode e = ex.get("eligible");
            if (e == null || !e.isBoolean()) {
                problems.add(Diagnostic.input(BAD_CASE, label, "/expect/eligible", "is required: true or false"));
            } else {
                eligible = e.asBoolean();
            }
        }
        Integer ring = null;
        JsonNode r = ex.get("ring");
        if (r != null && !r.isNull()) {
            if (!r.isInt()) {
                problems.add(Diagnostic.input(BAD_CASE, label, "/expect/ring", "must be a ring number or null"));
            } else {
                ring = r.asInt();
            }
        }
        Map<String, String> exceptions = new TreeMap<>();
        JsonNode xs = ex.get("exceptions");
        if (xs != null && !xs.isNull()) {
            if (!xs.isObject()) {
                problems.add(
                        Diagnostic.input(BAD_CASE, label, "/expect/exceptions", "must map exception ids to statuses"));
            } else {
                xs.properties()
                        .forEach(f -> exceptions.put(f.getKey(), f.getValue().asText()));
            }
        }
        Expectation expectation = new Expectation(
                eligible,
                ring,
                strings(ex.get("ringReasons"), "/expect/ringReasons", label, problems),
                items(ex.get("violations"), "/expect/violations", label, false, problems),
                items(ex.get("waived"), "/expect/waived", label, true, problems),
                items(ex.get("advisories"), "/expect/advisories", label, false, problems),
                exceptions,
                invalid);
        String description = root.path("description").asText("");
        return problems.isEmpty() ? new GoldenCase(name, dir, description, at, expectation, documents) : null;
    }

    /**
     * Where the case's evidence and readback come from. Full-file form: the folder's own files,
     * which must exist. Patch form ({@code base: NAME}): the base's files with the patches under
     * {@code evidence} and {@code readback} applied (RFC 6902), each failing operation a diagnostic
     * at its pointer in case.yaml.
     */
    private static GoldenCase.Documents documents(JsonNode root, Path dir, String label, List<Diagnostic> problems)
            throws IOException {
        JsonNode baseNode = root.get("base");
        if (baseNode == null) {
            for (String doc : List.of("evidence", "readback")) {
                if (root.has(doc)) {
                    problems.add(Diagnostic.input(
                            BAD_CASE,
                            label,
                            "/" + doc,
                            "is a patch of a base: name the base too (base: NAME, a folder under " + BASES + "/)"));
                }
            }
            for (String f : List.of("evidence.json", "readback.json")) {
                if (!Files.isRegularFile(dir.resolve(f))) {
                    problems.add(Diagnostic.input(
                            BAD_CASE,
                            dir.resolve(f).toString(),
                            "",
                            "is missing: every case needs it, or a base in case.yaml (base: NAME)"));
                }
            }
            return null;
        }
        if (!baseNode.isTextual() || !BASE_NAME.matcher(baseNode.asText()).matches()) {
            problems.add(
                    Diagnostic.input(BAD_CASE, label, "/base", "must be the name of a folder under " + BASES + "/"));
            return null;
        }
        for (String f : List.of("evidence.json", "readback.json")) {
            if (Files.exists(dir.resolve(f))) {
                problems.add(Diagnostic.input(
                        BAD_CASE,
                        dir.resolve(f).toString(),
                        "",
                        "is not read: the case patches base " + baseNode.asText() + "; delete the file or the base"));
            }
        }
        Path base = findBase(dir, baseNode.asText());
        if (base == null) {
            problems.add(Diagnostic.input(
                    BAD_CASE,
                    label,
                    "/base",
                    "no folder " + BASES + "/" + baseNode.asText() + " with evidence.json and readback.json above "
                            + dir));
            return null;
        }
        if (Files.exists(base.resolve("exceptions")) || Files.exists(base.resolve("case.yaml"))) {
            problems.add(Diagnostic.input(
                    BAD_CASE,
                    base.toString(),
                    "",
                    "is a base: it holds evidence.json and readback.json only (exceptions belong to each case)"));
            return null;
        }
        String evidence = patched(base.resolve("evidence.json"), root, "evidence", label, problems);
        String readback = patched(base.resolve("readback.json"), root, "readback", label, problems);
        return evidence == null || readback == null ? null : new GoldenCase.Documents(base, evidence, readback, label);
    }

    /** {@code bases/name} in the nearest folder above {@code dir} that has it. */
    private static Path findBase(Path dir, String name) {
        // The folders above as given first (so that a relative fixtures folder names a relative base), then absolute.
        for (Path start : List.of(dir, dir.toAbsolutePath())) {
            for (Path d = start.getParent(); d != null; d = d.getParent()) {
                Path base = d.resolve(BASES).resolve(name);
                if (Files.isRegularFile(base.resolve("evidence.json"))
                        && Files.isRegularFile(base.resolve("readback.json"))) {
                    return base;
                }
            }
        }
        return null;
    }

    /** The base document with the case's patch for it applied, as JSON text; null after a problem. */
    private static String patched(Path file, JsonNode root, String doc, String label, List<Diagnostic> problems)
            throws IOException {
        JsonNode tree;
        try {
            tree = JSON.readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(Diagnostic.inputAt(
                    BAD_CASE,
                    file.toString(),
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                    e.getOriginalMessage().lines().findFirst().orElse("malformed JSON")));
            return null;
        }
        JsonNode patch = root.get(doc);
        if (patch != null && !patch.isNull()) {
            if (!patch.isArray()) {
                problems.add(
                        Diagnostic.input(
                                BAD_CASE,
                                label,
                                "/" + doc,
                                "must be a JSON Patch (RFC 6902): a list of operations such as {op: replace, path: /a, value: 1}"));
                return null;
            }
            for (int i = 0; i < patch.size(); i++) {
                String at = "/" + doc + "/" + i;
                JsonNode op = patch.get(i);
                try {
                    tree = JsonPatch.apply(tree, op, at);
                } catch (PatchException e) {
                    boolean inOp = e.pointer().equals(at) || e.pointer().startsWith(at + "/");
                    problems.add(Diagnostic.input(
                            BAD_CASE,
                            label,
                            inOp ? e.pointer() : at,
                            (inOp ? "" : op.path("op").asText() + " " + e.pointer() + ": ") + e.getMessage() + " (base "
                                    + file + ")"));
                    return null;
                }
            }
        }
        return JSON.writeValueAsString(tree) + "\n";
    }

    private static void unknown(JsonNode node, Set<String> known, String at, String label, List<Diagnostic> problems) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!known.contains(n)) {
                problems.add(Diagnostic.input(
                        BAD_CASE,
                        label,
                        at + "/" + n,
                        "is not a field of a case; known: "
                                + new TreeMap<>(known.stream()
                                                .collect(java.util.stream.Collectors.toMap(k -> k, k -> k)))
                                        .keySet()));
            }
        }
    }

    private static List<String> strings(JsonNode node, String at, String label, List<Diagnostic> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(Diagnostic.input(BAD_CASE, label, at, "must be a list"));
            return null;
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Expectation.Item> items(
            JsonNode node, String at, String label, boolean waiver, List<Diagnostic> problems) {
        List<Expectation.Item> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            problems.add(Diagnostic.input(BAD_CASE, label, at, "must be a list"));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isObject() || !item.path("control").isTextual()) {
                problems.add(Diagnostic.input(
                        BAD_CASE,
                        label,
                        at + "/" + i,
                        "must be {control, subject" + (waiver ? ", exception" : "") + "}"));
                continue;
            }
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            item.properties().forEach(f -> fields.put(f.getKey(), f.getValue()));
            for (String k : fields.keySet()) {
                if (!Set.of("control", "subject", "exception").contains(k) || (!waiver && k.equals("exception"))) {
                    problems.add(Diagnostic.input(BAD_CASE, label, at + "/" + i + "/" + k, "is not a field here"));
                }
            }
            JsonNode subject = item.get("subject");
            JsonNode exception = item.get("exception");
            if (waiver && (exception == null || !exception.isTextual())) {
                problems.add(
                        Diagnostic.input(BAD_CASE, label, at + "/" + i + "/exception", "is required for a waiver"));
            }
            out.add(new Expectation.Item(
                    item.get("control").asText(),
                    subject == null || subject.isNull() ? null : subject.asText(),
                    exception == null || exception.isNull() ? null : exception.asText()));
        }
        return out;
    }
}
