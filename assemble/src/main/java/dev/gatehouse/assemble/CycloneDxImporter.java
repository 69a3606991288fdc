package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.UNSUPPORTED_ARTIFACT;

import dev.gatehouse.assemble.Artifact.Node;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CycloneDX JSON (1.4 to 1.6): the BOM's subject ({@code metadata.component}) and its digest (a
 * SHA-256 hash, Trivy's {@code aquasecurity:trivy:RepoDigest} or {@code ImageID} property, or an OCI
 * package URL), the components (whose {@code bom-ref}s a vulnerability's {@code affects} names), and
 * the vulnerabilities. A vulnerability with {@code ratings} is a finding (the highest rating's
 * severity) of the image that holds the affected component: the subject, or the image a reference
 * names by digest, else every artifact of the release. A vulnerability with an {@code analysis} is a VEX
 * statement (CycloneDX VEX): {@code not_affected} and {@code false_positive} read as not_affected,
 * {@code resolved} as fixed, {@code exploitable} as affected, {@code in_triage} as under_investigation.
 */
final class CycloneDxImporter {
    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    private CycloneDxImporter() {}

    static boolean isCycloneDx(Artifact a) {
        return "CycloneDX".equals(a.root().get("bomFormat").optText());
    }

    /** Reads findings and statements ({@code findings} false: only the statements, for {@code --vex}). */
    static void read(Artifact a, Draft d, boolean findings) {
        if (!a.root.isObject() || !isCycloneDx(a)) {
            a.error(UNSUPPORTED_ARTIFACT, "/bomFormat", "must be CycloneDX: the file is not a CycloneDX JSON BOM");
            return;
        }
        Node root = a.root();
        Node subject = root.get("metadata").get("component");
        String subjectRef = subject.get("bom-ref").optText();
        String subjectDigest = subject.present() ? digestOf(subject) : null;
        Map<String, String> refs = new HashMap<>();
        if (subjectRef != null) {
            refs.put(subjectRef, subjectDigest);
        }
        for (Node c : root.get("components").optArray()) {
            String ref = c.get("bom-ref").optText();
            if (ref != null) {
                String own = "container".equals(c.get("type").optText()) ? digestOf(c) : null;
                refs.putIfAbsent(ref, own != null ? own : subjectDigest);
            }
        }
        Node vulnerabilities = root.get("vulnerabilities");
        if (findings && vulnerabilities.present()) {
            String tool = tool(root.get("metadata").get("tools"));
            Node tools = root.get("metadata").get("tools");
            d.scanner(
                    tool,
                    tools.present() ? tools.origin() : root.get("bomFormat").origin());
            Instant at = root.get("metadata").get("timestamp").optInstant();
            if (at != null) {
                d.scannedAt(at, root.get("metadata").get("timestamp").origin());
            }
        }
        for (Node v : vulnerabilities.optArray()) {
            String id = v.get("id").requireText("the vulnerability's id");
            if (id == null) {
                continue;
            }
            List<String> digests = new ArrayList<>();
            for (Node affects : v.get("affects").optArray()) {
                String ref = affects.get("ref").requireText("the affected component's reference");
                String digest = ref == null ? null : refs.containsKey(ref) ? refs.get(ref) : Products.digest(ref);
                if (digest != null && !digests.contains(digest)) {
                    digests.add(digest);
                }
            }
            if (digests.isEmpty() && subjectDigest != null) {
                digests.add(subjectDigest);
            }
            if (findings && v.get("ratings").present()) {
                String severity = "low";
                for (Node r : v.get("ratings").optArray()) {
                    String s = normalise(r.get("severity").optText());
                    if (SEVERITIES.indexOf(s) > SEVERITIES.indexOf(severity)) {
                        severity = s;
                    }
                }
                boolean fix = false;
                for (Node response : v.get("analysis").get("response").optArray()) {
                    fix |= "update".equals(response.optText());
                }
                if (digests.isEmpty()) {
                    d.finding(new Draft.ImportedFinding(id, severity, null, fix, v.origin()));
                }
                for (String digest : digests) {
                    d.finding(new Draft.ImportedFinding(id, severity, digest, fix, v.origin()));
                }
            }
            Node analysis = v.get("analysis");
            String state = analysis.get("state").optText();
            if (state == null) {
                continue;
            }
            String status = switch (state) {
                case "not_affected", "false_positive" -> "not_affected";
                case "resolved", "resolved_with_pedigree" -> "fixed";
                case "exploitable" -> "affected";
                case "in_triage" -> "under_investigation";
                default -> {
                    a.error(
                            dev.gatehouse.model.DiagnosticCode.BAD_VALUE,
                            analysis.get("state").pointer,
                            "must be a CycloneDX analysis state (not_affected, false_positive, resolved, "
                                    + "resolved_with_pedigree, exploitable, in_triage), not '" + state + "'");
                    yield null;
                }
            };
            if (status == null) {
                continue;
            }
            List<String> ids = new ArrayList<>(List.of(id));
            for (Node ref : v.get("references").optArray()) {
                String alias = ref.get("id").optText();
                if (alias != null) {
                    ids.add(alias);
                }
            }
            String justification = analysis.get("justification").optText();
            if (digests.isEmpty() && findings) {
                // The finding above went to every artifact of the release: so does its own statement.
                d.vex(new Draft.VexStatement(List.copyOf(ids), null, status, justification, v.origin()));
            }
            for (String digest : digests) {
                d.vex(new Draft.VexStatement(List.copyOf(ids), digest, status, justification, v.origin()));
            }
        }
    }

    /** A component's image digest, or null. */
    private static String digestOf(Node c) {
        for (Node h : c.get("hashes").optArray()) {
            String alg = h.get("alg").optText();
            if (alg != null && alg.equalsIgnoreCase("SHA-256")) {
                String d = Products.fromHex(h.get("content").optText());
                if (d != null) {
                    return d;
                }
            }
        }
        String repoDigest = null;
        String imageId = null;
        for (Node p : c.get("properties").optArray()) {
            String name = p.get("name").optText();
            if ("aquasecurity:trivy:RepoDigest".equals(name) && repoDigest == null) {
                repoDigest = Products.digest(p.get("value").optText());
            } else if ("aquasecurity:trivy:ImageID".equals(name)) {
                imageId = Products.digest(p.get("value").optText());
            }
        }
        if (repoDigest != null) {
            return repoDigest;
        }
        if (imageId != null) {
            return imageId;
        }
        return Products.digest(c.get("purl").optText());
    }

    private static String tool(Node tools) {
        List<Node> list = tools.present() && tools.value.isObject()
                ? tools.get("components").optArray()
                : tools.optArray();
        for (Node t : list) {
            String name = t.get("name").optText();
            if (name != null) {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return "cyclonedx";
    }

    private static String normalise(String severity) {
        if (severity == null) {
            return "low";
        }
        return switch (severity.toLowerCase(Locale.ROOT)) {
            case "critical" -> "critical";
            case "high", "unknown" -> "high";
            case "medium" -> "medium";
            default -> "low";
        };
    }
}
