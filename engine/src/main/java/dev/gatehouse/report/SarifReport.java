package dev.gatehouse.report;

import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.PromotionDecision.Violation;
import dev.gatehouse.model.RuleMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A decision as SARIF 2.1.0, for code-scanning views: one result per violation, waiver and
 * advisory. The level follows enforcement (hard: error, soft: warning, advisory: note); a waived
 * violation carries an accepted suppression naming its exception. {@code tool.driver.rules} lists
 * every control of the enforcement table with the descriptions of the rules that implement it.
 * Each result points at the evidence file, with the JSON Pointer as a logical location.
 */
public final class SarifReport {
    /** The schema the output declares (and is tested against). */
    public static final String SCHEMA =
            "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json";

    private SarifReport() {}

    /**
     * Renders the report.
     *
     * @param d the decision
     * @param rules the rulebase's rule metadata
     * @param levels every control of the enforcement table and its level in the target environment
     * @param evidenceUri the evidence file's path as the caller named it (written as a URI reference)
     */
    public static String render(PromotionDecision d, List<RuleMetadata> rules, SortedMap<String, String> levels,
            String evidenceUri) {
        return render(d, rules, levels, new Documents(evidenceUri, null, null));
    }

    /**
     * The files a decision's evidence pointers can point into. Evidence, readback and exception
     * documents have disjoint top-level fields, so a pointer's first segment names its document;
     * a null readback or exceptions path falls back to the evidence file.
     */
    public record Documents(String evidence, String readback, String exceptions) {
        /** The file the pointer is about. */
        String fileOf(String pointer) {
            dev.gatehouse.model.InputDocument d = dev.gatehouse.model.InputDocument.of(pointer);
            if (d == dev.gatehouse.model.InputDocument.READBACK && readback != null) {
                return readback;
            }
            if (d == dev.gatehouse.model.InputDocument.EXCEPTION && exceptions != null) {
                return exceptions;
            }
            return evidence;
        }
    }

    /** As {@link #render(PromotionDecision, List, SortedMap, String)}, locating each result in its own document. */
    public static String render(PromotionDecision d, List<RuleMetadata> rules, SortedMap<String, String> levels,
            Documents documents) {
        TreeSet<String> controls = new TreeSet<>(levels.keySet());
        d.violations().forEach(v -> controls.add(v.control()));
        d.waived().forEach(v -> controls.add(v.control()));
        d.advisories().forEach(v -> controls.add(v.control()));
        List<String> ids = List.copyOf(controls);

        List<Object> descriptors = new ArrayList<>();
        for (String control : ids) {
            List<RuleMetadata> implementing = rules.stream().filter(r -> control.equals(r.control())).toList();
            String level = levels.getOrDefault(control, "off");
            Map<String, Object> descriptor = new LinkedHashMap<>();
            descriptor.put("id", control);
            descriptor.put("name", control);
            List<String> descriptions = implementing.stream().map(RuleMetadata::description)
                    .filter(s -> s != null && !s.isBlank()).distinct().toList();
            descriptor.put("shortDescription", text(descriptions.isEmpty() ? control : descriptions.get(0)));
            descriptor.put("fullDescription", text(descriptions.isEmpty() ? control : String.join("; ", descriptions)));
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("enabled", !level.equals("off"));
            config.put("level", sarifLevel(level));
            descriptor.put("defaultConfiguration", config);
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("enforcement", level);
            props.put("rules", implementing.stream().map(RuleMetadata::name).toList());
            descriptor.put("properties", props);
            descriptors.add(descriptor);
        }

        List<Object> results = new ArrayList<>();
        d.violations().forEach(v -> results.add(result(v, ids, documents, "violation")));
        d.waived().forEach(v -> results.add(result(v, ids, documents, "waived")));
        d.advisories().forEach(v -> results.add(result(v, ids, documents, "advisory")));

        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "gatehouse");
        driver.put("version", d.provenance().engineVersion());
        driver.put("rules", descriptors);
        Map<String, Object> runProps = new LinkedHashMap<>();
        runProps.put("eligible", d.eligible());
        runProps.put("ring", d.ring() == null ? null : d.ring().allowed());
        runProps.put("release", d.release().service() + " " + d.release().version() + " (" + d.release().commit() + ")");
        runProps.put("promotion", d.promotion().from() + " -> " + d.promotion().to());
        runProps.put("rulebaseDigest", d.provenance().rulebaseDigest());
        runProps.put("inputDigest", d.provenance().inputDigest());
        runProps.put("evaluatedAt", d.provenance().evaluatedAt());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        run.put("columnKind", "unicodeCodePoints");
        run.put("properties", runProps);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return Json.pretty(log);
    }

    private static Map<String, Object> result(Violation v, List<String> ids, Documents documents, String outcome) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ruleId", v.control());
        r.put("ruleIndex", ids.indexOf(v.control()));
        r.put("kind", "fail");
        r.put("level", sarifLevel(outcome.equals("advisory") ? "advisory" : v.enforcement()));
        r.put("message", text((v.subject() == null ? "" : v.subject() + ": ") + v.message()));
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", Map.of("uri", uri(documents.fileOf(v.evidence()))));
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("physicalLocation", physical);
        if (v.evidence() != null) {
            Map<String, Object> logical = new LinkedHashMap<>();
            logical.put("fullyQualifiedName", v.evidence());
            logical.put("kind", "property");
            location.put("logicalLocations", List.of(logical));
        }
        r.put("locations", List.of(location));
        if (v.exception() != null) {
            Map<String, Object> suppression = new LinkedHashMap<>();
            suppression.put("kind", "external");
            suppression.put("status", "accepted");
            suppression.put("justification", "waived by exception " + v.exception());
            r.put("suppressions", List.of(suppression));
        }
        Map<String, Object> props = new TreeMap<>();
        props.put("enforcement", v.enforcement());
        props.put("outcome", outcome);
        if (v.subject() != null) {
            props.put("subject", v.subject());
        }
        if (v.evidence() != null) {
            props.put("jsonPointer", v.evidence());
        }
        if (v.exception() != null) {
            props.put("exception", v.exception());
        }
        r.put("properties", props);
        return r;
    }

    /** A file path as a URI reference: '/' separators, characters URIs cannot hold percent-encoded. */
    static String uri(String path) {
        try {
            return new java.net.URI(null, null, path.replace('\\', '/'), null).toASCIIString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }

    private static Map<String, Object> text(String s) {
        return Map.of("text", s);
    }

    private static String sarifLevel(String enforcement) {
        return switch (enforcement) {
            case "hard" -> "error";
            case "soft" -> "warning";
            case "advisory" -> "note";
            default -> "none";
        };
    }
}
