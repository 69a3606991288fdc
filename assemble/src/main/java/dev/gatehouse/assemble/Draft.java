package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.CONFLICTING_VALUE;
import static dev.gatehouse.model.DiagnosticCode.INPUT_TOO_LARGE;
import static dev.gatehouse.model.DiagnosticCode.MISSING_FIELD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.model.FieldSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The two documents being assembled: the manifest's partial documents, and what the importers add.
 * A single value given twice must agree (else {@code conflicting-value} naming both places); list
 * items are joined with duplicates removed, then sorted, so the result does not depend on the order
 * of the flags. Remembers the place of every imported value for the documents' {@code sources}.
 */
final class Draft {
    /** The most items an imported list may reach: a bound on what a hostile artifact can make us hold. */
    static final int MAX_ITEMS = 10_000;

    /** The two documents. */
    enum Doc {
        EVIDENCE("evidence"),
        READBACK("readback");

        final String key;

        Doc(String key) {
            this.key = key;
        }
    }

    /** A finding as importers see it; {@code artifact} null means "every artifact of the release" (a source scan). */
    record ImportedFinding(String id, String severity, String artifact, boolean fixAvailable, Origin origin) {}

    /**
     * A VEX statement: a vulnerability (and its aliases) in a product digest has a status. A null digest means
     * every artifact of the release (only for a CycloneDX BOM's own vulnerability whose finding is attributed so).
     */
    record VexStatement(
            List<String> vulnerabilities, String digest, String status, String justification, Origin origin) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    private final Map<Doc, ObjectNode> docs = new HashMap<>();
    private final String manifestFile;
    private final Problems problems;
    private final Map<String, Origin> singles = new TreeMap<>();
    private final Map<String, List<Imported>> lists = new TreeMap<>();
    private final List<ImportedFinding> findings = new ArrayList<>();
    private final List<VexStatement> statements = new ArrayList<>();
    private final Map<String, Origin> scanners = new TreeMap<>();
    private Instant scannedAt;
    private Origin scannedAtOrigin;
    private final Map<Doc, List<FieldSource>> sources = new HashMap<>();

    private record Imported(JsonNode value, Origin origin) {}

    /** Orders places, so that which of two agreeing sources is recorded does not depend on the order of the flags. */
    static final Comparator<Origin> PLACES = Comparator.comparing(Origin::file)
            .thenComparing(o -> Objects.requireNonNullElse(o.pointer(), ""), Draft::comparePointers)
            .thenComparingInt(Origin::line);

    Draft(ObjectNode evidence, ObjectNode readback, String manifestFile, Problems problems) {
        docs.put(Doc.EVIDENCE, evidence);
        docs.put(Doc.READBACK, readback);
        this.manifestFile = manifestFile;
        this.problems = problems;
        sources.put(Doc.EVIDENCE, new ArrayList<>());
        sources.put(Doc.READBACK, new ArrayList<>());
    }

    ObjectNode doc(Doc doc) {
        return docs.get(doc);
    }

    /** The value at {@code pointer} of a document (missing node when absent). */
    JsonNode at(Doc doc, String pointer) {
        return docs.get(doc).at(pointer);
    }

    /** Sets a single value, unless another source gave a different one (then a conflict naming both). */
    void single(Doc doc, String pointer, JsonNode value, Origin origin) {
        String key = doc.key + pointer;
        JsonNode existing = at(doc, pointer);
        Origin prior = singles.get(key);
        if (prior != null || !existing.isMissingNode()) {
            if (!same(existing, value)) {
                if (prior != null && PLACES.compare(origin, prior) < 0) {
                    // Two artifacts: reported at the later place, naming the earlier, whatever the order of the flags.
                    problems.at(
                            CONFLICTING_VALUE,
                            prior,
                            "says " + show(existing) + " for /" + doc.key + pointer + ", but " + origin.describe()
                                    + " says " + show(value));
                } else {
                    String where = prior != null ? prior.describe() : manifestFile + ": /" + doc.key + pointer;
                    problems.at(
                            CONFLICTING_VALUE,
                            origin,
                            "says " + show(value) + " for /" + doc.key + pointer + ", but " + where + " says "
                                    + show(existing));
                }
            }
            if (prior != null) {
                if (PLACES.compare(origin, prior) < 0 && same(existing, value)) {
                    singles.put(key, origin);
                }
                return;
            }
        }
        if (put(doc, pointer, value)) {
            singles.put(key, origin);
        }
    }

    void single(Doc doc, String pointer, String value, Origin origin) {
        single(doc, pointer, NODES.textNode(value), origin);
    }

    void single(Doc doc, String pointer, Instant value, Origin origin) {
        single(doc, pointer, NODES.textNode(value.toString()), origin);
    }

    /** Adds an item to a list (duplicates are removed when the list is finished). */
    void item(Doc doc, String listPointer, JsonNode value, Origin origin) {
        lists.computeIfAbsent(doc.key + listPointer, k -> new ArrayList<>()).add(new Imported(value, origin));
    }

    /** A problem at a place in a file (the manifest, usually). */
    void problem(dev.gatehouse.model.DiagnosticCode code, String file, String pointer, String message) {
        problems.add(dev.gatehouse.model.Diagnostic.input(code, file, pointer, message));
    }

    /** The sources recorded for a document (complete after {@link #finish()}). */
    List<FieldSource> sources(Doc doc) {
        return List.copyOf(sources.get(doc));
    }

    void finding(ImportedFinding f) {
        findings.add(f);
    }

    void vex(VexStatement s) {
        statements.add(s);
    }

    /** A scanner that contributed findings; the document's scanner is every one, sorted, joined by ", ". */
    void scanner(String name, Origin origin) {
        scanners.merge(name, origin, (a, b) -> PLACES.compare(a, b) <= 0 ? a : b);
    }

    /** A scan time; the document's {@code scannedAt} is the earliest (the oldest scan is the one that ages first). */
    void scannedAt(Instant at, Origin origin) {
        if (scannedAt == null
                || at.isBefore(scannedAt)
                || (at.equals(scannedAt) && PLACES.compare(origin, scannedAtOrigin) < 0)) {
            scannedAt = at;
            scannedAtOrigin = origin;
        }
    }

    /** The digests of the release's artifacts as they stand (manifest and imported). */
    List<String> releaseDigests() {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode a : docs.get(Doc.EVIDENCE).at("/release/artifacts")) {
            if (a.path("digest").isTextual()) {
                out.add(a.path("digest").textValue());
            }
        }
        for (Imported i : lists.getOrDefault("evidence/release/artifacts", List.of())) {
            out.add(i.value().path("digest").asText());
        }
        return List.copyOf(out);
    }

    /** Joins the lists, merges findings and VEX statements, and records the sources: the documents are complete. */
    void finish() {
        for (Map.Entry<String, List<Imported>> e : lists.entrySet()) {
            Doc doc = e.getKey().startsWith("evidence/") ? Doc.EVIDENCE : Doc.READBACK;
            String pointer = e.getKey().substring(doc.key.length());
            Function<JsonNode, String> key =
                    pointer.equals("/release/artifacts") ? n -> n.path("digest").asText() : Draft::canonical;
            finishList(doc, pointer, e.getValue(), key);
        }
        finishFindings();
        finishScan();
        for (Map.Entry<String, Origin> e : singles.entrySet()) {
            Doc doc = e.getKey().startsWith("evidence/") ? Doc.EVIDENCE : Doc.READBACK;
            sources.get(doc).add(e.getValue().sourceOf(e.getKey().substring(doc.key.length())));
        }
        for (Doc doc : Doc.values()) {
            List<FieldSource> s = sources.get(doc);
            if (!s.isEmpty()) {
                s.sort(Comparator.comparing(FieldSource::field, Draft::comparePointers)
                        .thenComparing(FieldSource::file)
                        .thenComparing(x -> Objects.requireNonNullElse(x.pointer(), ""))
                        .thenComparing(x -> Objects.requireNonNullElse(x.line(), 0)));
                ArrayNode out = docs.get(doc).putArray("sources");
                for (FieldSource f : s) {
                    ObjectNode o = out.addObject();
                    o.put("field", f.field());
                    o.put("file", f.file());
                    if (f.pointer() != null) {
                        o.put("pointer", f.pointer());
                    }
                    if (f.line() != null) {
                        o.put("line", f.line());
                    }
                }
            }
        }
    }

    private void finishList(Doc doc, String pointer, List<Imported> imported, Function<JsonNode, String> key) {
        ArrayNode target = list(doc, pointer);
        if (target == null) {
            return; // the manifest has something else there: validation reports it
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, List<Origin>> origins = new HashMap<>();
        for (JsonNode n : target) {
            values.putIfAbsent(key.apply(n), n);
        }
        java.util.Set<String> given = new java.util.HashSet<>(values.keySet());
        for (Imported i : imported) {
            String k = key.apply(i.value());
            // The manifest's item stays; of imported items with one key (one digest), the smallest: order-free.
            values.merge(
                    k, i.value(), (a, b) -> given.contains(k) || canonical(a).compareTo(canonical(b)) <= 0 ? a : b);
            origins.computeIfAbsent(k, x -> new ArrayList<>()).add(i.origin());
        }
        if (values.size() > MAX_ITEMS) {
            problems.at(
                    INPUT_TOO_LARGE,
                    imported.get(0).origin(),
                    "would make " + values.size() + " items of /" + doc.key + pointer + ", more than the " + MAX_ITEMS
                            + " an assembled list may hold");
            return;
        }
        List<String> keys = new ArrayList<>(values.keySet());
        keys.sort(Comparator.comparing(k -> canonical(values.get(k))));
        target.removeAll();
        for (int i = 0; i < keys.size(); i++) {
            target.add(values.get(keys.get(i)));
            for (Origin o : origins.getOrDefault(keys.get(i), List.of())) {
                sources.get(doc).add(o.sourceOf(pointer + "/" + i));
            }
        }
    }

    private void finishFindings() {
        if (findings.isEmpty() && statements.isEmpty()) {
            return;
        }
        ArrayNode target = list(Doc.EVIDENCE, "/security/findings");
        if (target == null) {
            return;
        }
        List<String> all = releaseDigests();
        Map<String, ObjectNode> merged = new TreeMap<>();
        Map<String, List<Origin>> origins = new HashMap<>();
        for (JsonNode n : target) {
            String k = n.path("id").asText() + " " + n.path("artifact").asText();
            if (n.isObject()) {
                merged.putIfAbsent(k, (ObjectNode) n.deepCopy());
            }
        }
        for (ImportedFinding f : findings) {
            List<String> digests = f.artifact() != null ? List.of(f.artifact()) : all;
            if (digests.isEmpty()) {
                problems.at(
                        MISSING_FIELD,
                        f.origin(),
                        "names no artifact digest, and the release has no artifacts to "
                                + "attribute the finding to: give /evidence/release/artifacts in " + manifestFile);
                continue;
            }
            for (String digest : digests) {
                String k = f.id() + " " + digest;
                ObjectNode n = merged.get(k);
                if (n == null) {
                    n = NODES.objectNode();
                    n.put("id", f.id());
                    n.put("severity", f.severity());
                    n.put("artifact", digest);
                    n.put("fixAvailable", f.fixAvailable());
                    merged.put(k, n);
                } else {
                    // Two witnesses of one finding: the worse severity and "a fix exists" if either says so.
                    if (SEVERITIES.indexOf(f.severity())
                            > SEVERITIES.indexOf(n.path("severity").asText())) {
                        n.put("severity", f.severity());
                    }
                    if (f.fixAvailable()) {
                        n.put("fixAvailable", true);
                    }
                }
                origins.computeIfAbsent(k, x -> new ArrayList<>()).add(f.origin());
            }
        }
        if (merged.size() > MAX_ITEMS) {
            problems.at(
                    INPUT_TOO_LARGE,
                    findings.get(0).origin(),
                    "would make " + merged.size() + " findings, more than the " + MAX_ITEMS
                            + " an assembled list may hold");
            return;
        }
        Map<String, Origin> vexOrigins = new HashMap<>();
        for (Map.Entry<String, ObjectNode> e : merged.entrySet()) {
            ObjectNode n = e.getValue();
            VexStatement chosen = null;
            for (VexStatement s : statements) {
                String artifact = n.path("artifact").asText();
                boolean product =
                        s.digest() == null ? all.contains(artifact) : s.digest().equals(artifact);
                if (!product || !s.vulnerabilities().contains(n.path("id").asText())) {
                    continue;
                }
                if (chosen == null) {
                    chosen = s;
                } else if (chosen.status().equals(s.status())
                        && Objects.equals(chosen.justification(), s.justification())) {
                    if (PLACES.compare(s.origin(), chosen.origin()) < 0) {
                        chosen = s;
                    }
                } else {
                    // Reported at the later place, naming the earlier, whatever the order of the flags.
                    boolean sFirst = PLACES.compare(s.origin(), chosen.origin()) < 0;
                    VexStatement first = sFirst ? s : chosen;
                    VexStatement second = sFirst ? chosen : s;
                    problems.at(
                            CONFLICTING_VALUE,
                            second.origin(),
                            "says " + vexWords(second) + " for "
                                    + n.path("id").asText() + " in " + artifact + ", but "
                                    + first.origin().describe()
                                    + " says " + vexWords(first));
                }
            }
            if (chosen != null) {
                ObjectNode v = NODES.objectNode();
                v.put("status", chosen.status());
                if (chosen.justification() != null) {
                    v.put("justification", chosen.justification());
                }
                v.put("source", chosen.origin().file());
                n.set("vex", v);
                vexOrigins.put(e.getKey(), chosen.origin());
            }
        }
        target.removeAll();
        int i = 0;
        for (Map.Entry<String, ObjectNode> e : merged.entrySet()) {
            target.add(e.getValue());
            for (Origin o : origins.getOrDefault(e.getKey(), List.of())) {
                sources.get(Doc.EVIDENCE).add(o.sourceOf("/security/findings/" + i));
            }
            Origin v = vexOrigins.get(e.getKey());
            if (v != null) {
                sources.get(Doc.EVIDENCE).add(v.sourceOf("/security/findings/" + i + "/vex"));
            }
            i++;
        }
    }

    private static String vexWords(VexStatement s) {
        return s.status() + (s.justification() == null ? "" : " (" + s.justification() + ")");
    }

    private void finishScan() {
        if (!scanners.isEmpty()) {
            JsonNode given = at(Doc.EVIDENCE, "/security/scanner");
            TreeSet<String> names = new TreeSet<>(scanners.keySet());
            if (given.isTextual()) {
                for (String n : given.textValue().split(",", -1)) {
                    if (!n.isBlank()) {
                        names.add(n.strip());
                    }
                }
            }
            if (put(Doc.EVIDENCE, "/security/scanner", NODES.textNode(String.join(", ", names)))) {
                for (Origin o : scanners.values()) {
                    sources.get(Doc.EVIDENCE).add(o.sourceOf("/security/scanner"));
                }
            }
        }
        if (scannedAt != null) {
            JsonNode given = at(Doc.EVIDENCE, "/security/scannedAt");
            Instant manifest = given.isTextual() ? parse(given.textValue()) : null;
            if (manifest != null && !manifest.isAfter(scannedAt)) {
                return; // the manifest's scan is the older one: it stays
            }
            if (given.isMissingNode() || manifest != null) {
                if (put(Doc.EVIDENCE, "/security/scannedAt", NODES.textNode(scannedAt.toString()))) {
                    sources.get(Doc.EVIDENCE).add(scannedAtOrigin.sourceOf("/security/scannedAt"));
                }
            }
        }
    }

    /** The array at a pointer, created when absent; null when something else is there. */
    private ArrayNode list(Doc doc, String pointer) {
        JsonNode n = at(doc, pointer);
        if (n.isArray()) {
            return (ArrayNode) n;
        }
        if (!n.isMissingNode()) {
            return null;
        }
        ObjectNode parent = parent(doc, pointer);
        return parent == null ? null : parent.putArray(last(pointer));
    }

    /** Sets a value, creating the objects on the way; false when the manifest has a non-object on the way. */
    private boolean put(Doc doc, String pointer, JsonNode value) {
        ObjectNode parent = parent(doc, pointer);
        if (parent == null) {
            return false;
        }
        parent.set(last(pointer), value);
        return true;
    }

    private ObjectNode parent(Doc doc, String pointer) {
        ObjectNode node = docs.get(doc);
        String[] parts = pointer.substring(1).split("/", -1);
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            if (next == null || next.isNull()) {
                next = node.putObject(parts[i]);
            }
            if (!next.isObject()) {
                return null;
            }
            node = (ObjectNode) next;
        }
        return node;
    }

    private static String last(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }

    /** Whether two values agree: equal JSON, or the same instant written two ways, or equal numbers. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isTextual() && b.isTextual()) {
            Instant x = parse(a.textValue());
            Instant y = parse(b.textValue());
            return x != null && x.equals(y);
        }
        return false;
    }

    private static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String show(JsonNode n) {
        if (n.isMissingNode()) {
            return "nothing";
        }
        String s = n.isTextual() ? n.textValue() : n.toString();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** A canonical text of a JSON value: object fields sorted by name, so equal values give equal text. */
    static String canonical(JsonNode n) {
        if (n.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                sorted.put(e.getKey(), e.getValue());
            }
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(NODES.textNode(e.getKey())).append(':').append(canonical(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (n.isArray()) {
            StringBuilder b = new StringBuilder("[");
            for (JsonNode x : n) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(canonical(x));
            }
            return b.append(']').toString();
        }
        return n.toString();
    }

    /** Orders pointers segment by segment, numbers numerically ({@code /a/2} before {@code /a/10}). */
    static int comparePointers(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d{1,9}") && y[i].matches("\\d{1,9}")
                    ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]))
                    : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
