package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.BAD_FORMAT;
import static dev.gatehouse.model.DiagnosticCode.BAD_VALUE;
import static dev.gatehouse.model.DiagnosticCode.UNSUPPORTED_ARTIFACT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.assemble.Artifact.Node;
import dev.gatehouse.assemble.Draft.Doc;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0 from any scanner. Each result of kind {@code fail} (the default), {@code open} or {@code review}
 * (undecided: it counts) is a finding: its id is
 * the rule id; its severity comes from the {@code security-severity} property (of the result, else of
 * its rule: 9.0 and up critical, 7.0 high, 4.0 medium, below low), else from the level (of the result,
 * else the rule's default; {@code error} high, {@code warning} medium, {@code note} and {@code none}
 * low); a fix is available when the result carries {@code fixes}. A result whose baseline state is
 * {@code absent} is gone and is skipped; suppressions are not honoured (a VEX statement is how a
 * finding is cleared). The finding belongs to the image the run names ({@code properties.repoDigests},
 * else {@code properties.imageID}, as Trivy writes them), else to every artifact of the release (a
 * source scan covers all that is built from the source). A run with {@code results} marks the
 * security check: passed, or failed when an invocation did not succeed.
 */
final class SarifImporter {
    private SarifImporter() {}

    static void read(Artifact a, Draft d) {
        Node root = a.root();
        if (!root.value.isObject()) {
            a.error(UNSUPPORTED_ARTIFACT, "", "is not a SARIF log: the document is not an object");
            return;
        }
        Node version = root.get("version");
        String v = version.requireText("the SARIF version");
        if (v == null) {
            return;
        }
        if (!v.equals("2.1.0")) {
            a.error(UNSUPPORTED_ARTIFACT, version.pointer, "must be 2.1.0: only SARIF 2.1.0 is read, not '" + v + "'");
            return;
        }
        for (Node run : root.get("runs").requireArray("the scanner runs")) {
            readRun(run, d);
        }
    }

    private static void readRun(Node run, Draft d) {
        Node driver = run.get("tool").get("driver");
        String name = driver.get("name").requireText("the scanner's name");
        Map<String, Node> rulesById = new HashMap<>();
        List<Node> rules = driver.get("rules").optArray();
        for (Node r : rules) {
            String id = r.get("id").optText();
            if (id != null) {
                rulesById.putIfAbsent(id, r);
            }
        }
        List<String> digests = digests(run.get("properties"));
        boolean succeeded = true;
        for (Node inv : run.get("invocations").optArray()) {
            Node ok = inv.get("executionSuccessful");
            if (ok.present() && ok.value.isBoolean() && !ok.value.booleanValue()) {
                succeeded = false;
            }
            Instant end = inv.get("endTimeUtc").optInstant();
            if (end != null) {
                d.scannedAt(end, inv.get("endTimeUtc").origin());
            }
        }
        Node results = run.get("results");
        if (name == null || !results.present()) {
            return;
        }
        d.scanner(name.toLowerCase(Locale.ROOT), driver.get("name").origin());
        d.single(Doc.EVIDENCE, "/ci/checks/security", succeeded ? "passed" : "failed", results.origin());
        for (Node result : results.optArray()) {
            String kind = result.get("kind").optText();
            if ("pass".equals(kind) || "notApplicable".equals(kind) || "informational".equals(kind)) {
                continue; // not a problem; fail (the default), open and review are
            }
            if ("absent".equals(result.get("baselineState").optText())) {
                continue;
            }
            Node rule = rule(result, rules, rulesById);
            String id = result.get("ruleId").optText();
            if (id == null && rule != null) {
                id = rule.get("id").optText();
            }
            if (id == null) {
                result.get("ruleId").missing("the finding's id (or rule.id)");
                continue;
            }
            String severity = severity(result, rule);
            if (severity == null) {
                continue;
            }
            boolean fix = !result.get("fixes").optArray().isEmpty();
            if (digests == null) {
                d.finding(new Draft.ImportedFinding(id, severity, null, fix, result.origin()));
            } else {
                for (String digest : digests) {
                    d.finding(new Draft.ImportedFinding(id, severity, digest, fix, result.origin()));
                }
            }
        }
    }

    private static Node rule(Node result, List<Node> rules, Map<String, Node> byId) {
        Node index = result.get("ruleIndex");
        if (index.present()
                && index.value.canConvertToInt()
                && index.value.intValue() >= 0
                && index.value.intValue() < rules.size()) {
            return rules.get(index.value.intValue());
        }
        String id = result.get("ruleId").optText();
        if (id == null) {
            id = result.get("rule").get("id").optText();
        }
        return id == null ? null : byId.get(id);
    }

    /** The image digests a run names (Trivy's run properties), or null for none. */
    private static List<String> digests(Node properties) {
        List<String> out = new ArrayList<>();
        for (Node rd : properties.get("repoDigests").optArray()) {
            String text = rd.optText();
            int at = text == null ? -1 : text.lastIndexOf('@');
            String digest = at < 0 ? text : text.substring(at + 1);
            if (digest != null && Artifact.DIGEST.matcher(digest).matches() && !out.contains(digest)) {
                out.add(digest);
            }
        }
        if (out.isEmpty()) {
            String id = properties.get("imageID").optText();
            if (id != null && Artifact.DIGEST.matcher(id).matches()) {
                out.add(id);
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static String severity(Node result, Node rule) {
        Node score = result.get("properties").get("security-severity");
        if (!score.present() && rule != null) {
            score = rule.get("properties").get("security-severity");
        }
        if (score.present()) {
            return fromScore(score);
        }
        Node level = result.get("level");
        if (!level.present() && rule != null) {
            level = rule.get("defaultConfiguration").get("level");
        }
        String text = level.present() ? level.optText() : "warning";
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "error" -> "high";
            case "warning" -> "medium";
            case "note", "none" -> "low";
            default -> {
                level.artifact()
                        .error(BAD_VALUE, level.pointer, "must be error, warning, note or none, not '" + text + "'");
                yield null;
            }
        };
    }

    /** GitHub's reading of a CVSS-like score: 9.0 critical, 7.0 high, 4.0 medium, else low. */
    private static String fromScore(Node score) {
        JsonNode v = score.value;
        BigDecimal n;
        try {
            n = v.isNumber()
                    ? v.decimalValue()
                    : v.isTextual() && v.textValue().length() <= 20
                            ? new BigDecimal(v.textValue().strip())
                            : null;
        } catch (NumberFormatException e) {
            n = null;
        }
        if (n == null || n.signum() < 0 || n.compareTo(BigDecimal.TEN) > 0) {
            score.artifact().error(BAD_FORMAT, score.pointer, "must be a score from 0.0 to 10.0, not " + v);
            return null;
        }
        if (n.compareTo(new BigDecimal("9.0")) >= 0) {
            return "critical";
        }
        if (n.compareTo(new BigDecimal("7.0")) >= 0) {
            return "high";
        }
        return n.compareTo(new BigDecimal("4.0")) >= 0 ? "medium" : "low";
    }
}
