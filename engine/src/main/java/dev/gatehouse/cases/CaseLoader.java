package dev.gatehouse.cases;

import static dev.gatehouse.model.DiagnosticCode.BAD_CASE;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.model.Diagnostic;
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
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Set<String> TOP = Set.of("description", "at", "expect");
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
            files = s.filter(p -> p.getFileName().toString().equals("case.yaml")).sorted().toList();
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
                        out.add(Diagnostic.input(BAD_CASE, label, "/expect/" + list + "/" + i + "/control", "control "
                                + control + " is not in the rulebase's enforcement table"
                                + dev.gatehouse.model.Suggest.didYouMean(control, controls)
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
            problems.add(Diagnostic.inputAt(BAD_CASE, label, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(), e.getOriginalMessage().lines().findFirst().orElse("malformed YAML")));
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
            problems.add(Diagnostic.input(BAD_CASE, label, "/at", "is required: the evaluation time, e.g. \"2026-11-28T12:00:00Z\""));
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
        for (String f : List.of("evidence.json", "readback.json")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                problems.add(Diagnostic.input(BAD_CASE, dir.resolve(f).toString(), "", "is missing: every case needs it"));
            }
        }
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
                problems.add(Diagnostic.input(BAD_CASE, label, "/expect/exceptions", "must map exception ids to statuses"));
            } else {
                xs.properties().forEach(f -> exceptions.put(f.getKey(), f.getValue().asText()));
            }
        }
        Expectation expectation = new Expectation(eligible, ring,
                strings(ex.get("ringReasons"), "/expect/ringReasons", label, problems),
                items(ex.get("violations"), "/expect/violations", label, false, problems),
                items(ex.get("waived"), "/expect/waived", label, true, problems),
                items(ex.get("advisories"), "/expect/advisories", label, false, problems),
                exceptions, invalid);
        String description = root.path("description").asText("");
        return problems.isEmpty() ? new GoldenCase(name, dir, description, at, expectation) : null;
    }

    private static void unknown(JsonNode node, Set<String> known, String at, String label, List<Diagnostic> problems) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!known.contains(n)) {
                problems.add(Diagnostic.input(BAD_CASE, label, at + "/" + n, "is not a field of a case; known: " + new TreeMap<>(
                        known.stream().collect(java.util.stream.Collectors.toMap(k -> k, k -> k))).keySet()));
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

    private static List<Expectation.Item> items(JsonNode node, String at, String label, boolean waiver,
            List<Diagnostic> problems) {
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
                problems.add(Diagnostic.input(BAD_CASE, label, at + "/" + i, "must be {control, subject"
                        + (waiver ? ", exception" : "") + "}"));
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
                problems.add(Diagnostic.input(BAD_CASE, label, at + "/" + i + "/exception", "is required for a waiver"));
            }
            out.add(new Expectation.Item(item.get("control").asText(),
                    subject == null || subject.isNull() ? null : subject.asText(),
                    exception == null || exception.isNull() ? null : exception.asText()));
        }
        return out;
    }
}
