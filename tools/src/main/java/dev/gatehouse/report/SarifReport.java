package dev.gatehouse.report;

import dev.gatehouse.internal.Sources;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.PromotionDecision.Violation;
import dev.gatehouse.model.RuleMetadata;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A decision as SARIF 2.1.0, as GitHub code scanning and other SARIF consumers take it: one result
 * per violation, waiver and advisory. The level follows enforcement (hard: error, soft: warning,
 * advisory: note); a waived violation carries an accepted suppression naming its exception.
 * {@code tool.driver.rules} lists every control of the enforcement table with its help (the
 * descriptions of the rules that implement it, its level and what to do) and a {@code helpUri} to
 * the control in the policy. Each result is located at the line and column of its evidence in the
 * file the pointer is in (evidence, readback or the exception's own file), with the JSON Pointer
 * as a logical location, and carries a {@code partialFingerprints} entry derived from control,
 * subject and document only, so an alert is the same alert across runs, line moves and retuning.
 */
public final class SarifReport {
    /** The schema the output declares (and is tested against). */
    public static final String SCHEMA =
            "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json";

    /** Where the policy's documentation is published (the repository's {@code docs/} folder). */
    public static final String DEFAULT_DOCS_URL = "https://github.com/gatehouse/gatehouse/blob/main/docs/";

    /** The key of gatehouse's fingerprint in {@code partialFingerprints}. */
    public static final String FINGERPRINT = "gatehouseControlSubject/v1";

    private SarifReport() {}

    /**
     * Renders the report.
     *
     * @param d the decision
     * @param rules the rulebase's rule metadata
     * @param levels every control of the enforcement table and its level in the target environment
     * @param sources the input files and where each field is in them
     * @param docsUrl the absolute URL of the docs folder, ending in {@code /}: each rule's
     *     {@code helpUri} is {@code docsUrl + "policy.md#" + control in lower case}
     */
    public static String render(
            PromotionDecision d,
            List<RuleMetadata> rules,
            SortedMap<String, String> levels,
            Sources sources,
            String docsUrl) {
        if (!URI.create(docsUrl).isAbsolute() || !docsUrl.endsWith("/")) {
            throw new IllegalArgumentException("the docs URL must be absolute and end in '/': " + docsUrl);
        }
        TreeSet<String> controls = new TreeSet<>(levels.keySet());
        d.violations().forEach(v -> controls.add(v.control()));
        d.waived().forEach(v -> controls.add(v.control()));
        d.advisories().forEach(v -> controls.add(v.control()));
        List<String> ids = List.copyOf(controls);
        String environment = d.promotion().to();

        List<Object> descriptors = new ArrayList<>();
        for (String control : ids) {
            List<RuleMetadata> implementing =
                    rules.stream().filter(r -> control.equals(r.control())).toList();
            String level = levels.getOrDefault(control, "off");
            List<String> descriptions = implementing.stream()
                    .map(RuleMetadata::description)
                    .filter(s -> s != null && !s.isBlank())
                    .distinct()
                    .toList();
            String helpUri = helpUri(docsUrl, control);
            Map<String, Object> descriptor = new LinkedHashMap<>();
            descriptor.put("id", control);
            descriptor.put("shortDescription", text(descriptions.isEmpty() ? control : descriptions.get(0)));
            descriptor.put("fullDescription", text(descriptions.isEmpty() ? control : String.join("; ", descriptions)));
            descriptor.put("helpUri", helpUri);
            Map<String, Object> help = new LinkedHashMap<>();
            help.put("text", helpText(control, implementing, level, environment, helpUri));
            help.put("markdown", helpMarkdown(control, implementing, level, environment, helpUri));
            descriptor.put("help", help);
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
        d.violations().forEach(v -> results.add(result(v, ids, sources, "violation")));
        d.waived().forEach(v -> results.add(result(v, ids, sources, "waived")));
        d.advisories().forEach(v -> results.add(result(v, ids, sources, "advisory")));

        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "gatehouse");
        driver.put("version", d.provenance().engineVersion());
        driver.put("informationUri", docsUrl + "policy.md");
        driver.put("rules", descriptors);
        Map<String, Object> runProps = new LinkedHashMap<>();
        runProps.put("eligible", d.eligible());
        runProps.put("ring", d.ring() == null ? null : d.ring().allowed());
        runProps.put(
                "release",
                d.release().service() + " " + d.release().version() + " ("
                        + d.release().commit() + ")");
        runProps.put("promotion", d.promotion().from() + " -> " + d.promotion().to());
        runProps.put("rulebaseDigest", d.provenance().rulebaseDigest());
        runProps.put("inputDigest", d.provenance().inputDigest());
        runProps.put("evaluatedAt", d.provenance().evaluatedAt());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        // One analysis category per service and target: uploads for staging and for production
        // (or for two services of one repository) do not close each other's alerts.
        run.put("automationDetails", Map.of("id", "gatehouse/" + d.release().service() + "/" + environment + "/"));
        run.put("results", results);
        run.put("columnKind", "unicodeCodePoints");
        run.put("properties", runProps);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return Json.pretty(log);
    }

    /** The URL of a control's entry in the policy page: {@code docs/policy.md#evd-001}. */
    public static String helpUri(String docsUrl, String control) {
        return docsUrl + "policy.md#" + control.toLowerCase(Locale.ROOT);
    }

    /**
     * The fingerprint of a violation: sha256 over control, subject and the document its evidence is
     * in (evidence, readback or exception). Never the line, the level, the message or the file's path,
     * so retuning, reformatting or moving the files keeps the alert.
     */
    static String fingerprint(Violation v, Sources.Place place) {
        String subject = v.subject() == null ? "" : v.subject();
        String hex = Json.sha256(
                v.control() + "\u0000" + subject + "\u0000" + place.document().wire());
        return hex.substring("sha256:".length());
    }

    private static Map<String, Object> result(Violation v, List<String> ids, Sources sources, String outcome) {
        Sources.Place place = sources.place(v.evidence(), v.subject());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ruleId", v.control());
        r.put("ruleIndex", ids.indexOf(v.control()));
        r.put("kind", "fail");
        r.put("level", sarifLevel(outcome.equals("advisory") ? "advisory" : v.enforcement()));
        r.put("message", text((v.subject() == null ? "" : v.subject() + ": ") + v.message()));
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", place.line());
        region.put("startColumn", place.column());
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", Map.of("uri", uri(place.file())));
        physical.put("region", region);
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("physicalLocation", physical);
        if (v.evidence() != null) {
            Map<String, Object> logical = new LinkedHashMap<>();
            logical.put("fullyQualifiedName", v.evidence());
            logical.put("kind", "property");
            location.put("logicalLocations", List.of(logical));
        }
        r.put("locations", List.of(location));
        r.put("partialFingerprints", Map.of(FINGERPRINT, fingerprint(v, place)));
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

    /**
     * A file path as a URI: a relative path as a relative reference ('/' separators, characters
     * URIs cannot hold percent-encoded), an absolute path as a {@code file:} URI.
     */
    static String uri(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p.toUri().toASCIIString();
        }
        try {
            return new URI(null, null, path.replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }

    private static String meaning(String level) {
        return switch (level) {
            case "hard" -> "it blocks the promotion and no exception can waive it";
            case "soft" -> "it blocks the promotion unless a valid residual-risk exception waives it";
            case "advisory" -> "it is reported and never blocks";
            default -> "it is not evaluated";
        };
    }

    private static String whatToDo(String control, String level) {
        String fix = "Change the release evidence or the target environment so that the condition holds (the result"
                + " points at the field the rule found wanting), then evaluate again.";
        return switch (level) {
            case "soft" ->
                fix + " Where the risk is accepted, a residual-risk exception that names " + control
                        + " and is valid for this target waives it.";
            case "hard" -> fix + " Exceptions do not apply to hard controls.";
            default -> fix;
        };
    }

    private static String helpText(
            String control, List<RuleMetadata> implementing, String level, String environment, String helpUri) {
        StringBuilder sb = new StringBuilder(control).append(": what the rules check\n");
        if (implementing.isEmpty()) {
            sb.append("- no rule implements this control\n");
        }
        implementing.forEach(r -> sb.append("- ")
                .append(r.description() == null ? r.name() : r.description())
                .append('\n'));
        sb.append("Level in ")
                .append(environment)
                .append(": ")
                .append(level)
                .append(" (")
                .append(meaning(level))
                .append(").\n");
        sb.append("What to do: ").append(whatToDo(control, level)).append('\n');
        sb.append("Policy: ").append(helpUri);
        return sb.toString();
    }

    private static String helpMarkdown(
            String control, List<RuleMetadata> implementing, String level, String environment, String helpUri) {
        StringBuilder sb = new StringBuilder("**").append(control).append("**: what the rules check\n\n");
        if (implementing.isEmpty()) {
            sb.append("- no rule implements this control\n");
        }
        implementing.forEach(r -> sb.append("- ")
                .append(markdown(r.description() == null ? "" : r.description()))
                .append(" (rule `")
                .append(r.name().replace("`", "'"))
                .append("`)\n"));
        sb.append("\n**Level in ")
                .append(markdown(environment))
                .append(":** `")
                .append(level)
                .append("`: ")
                .append(meaning(level))
                .append(".\n\n");
        sb.append("**What to do:** ").append(markdown(whatToDo(control, level))).append("\n\n");
        sb.append("[")
                .append(control)
                .append(" in the policy](")
                .append(helpUri)
                .append(')');
        return sb.toString();
    }

    /** Text as markdown: the characters markdown would read as markup are escaped. */
    static String markdown(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\`*_[]<>#|".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
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
