package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.BAD_VALUE;
import static dev.gatehouse.model.DiagnosticCode.UNSUPPORTED_ARTIFACT;

import dev.gatehouse.assemble.Artifact.Node;
import dev.gatehouse.assemble.Draft.Doc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Trivy JSON report ({@code trivy image --format json}, schema version 2): every vulnerability of
 * every result is a finding of the scanned image (its {@code Metadata.RepoDigests}, else its
 * {@code Metadata.ImageID}); severity in lower case ({@code UNKNOWN}, a vulnerability nobody has rated,
 * reads as {@code high}); a fix is available when {@code FixedVersion} is given. The scanner is
 * {@code trivy}, the scan time {@code CreatedAt}, and the report marks the security check passed (the
 * findings themselves are for the rules).
 */
final class TrivyImporter {
    private TrivyImporter() {}

    static void read(Artifact a, Draft d) {
        Node root = a.root();
        if (!root.value.isObject()) {
            a.error(
                    UNSUPPORTED_ARTIFACT,
                    "",
                    "is not a Trivy JSON report (trivy --format json): the document is not an object");
            return;
        }
        Node version = root.get("SchemaVersion");
        if (!version.present() || !version.value.isInt() || version.value.intValue() != 2) {
            a.error(
                    UNSUPPORTED_ARTIFACT,
                    version.pointer,
                    "must be 2: only Trivy JSON reports of schema version 2 are read");
            return;
        }
        Instant created = root.get("CreatedAt").requireInstant("the scan time");
        List<String> digests = digests(root.get("Metadata"));
        Origin origin = root.get("CreatedAt").origin();
        d.scanner("trivy", a.origin("/Trivy"));
        if (created != null) {
            d.scannedAt(created, origin);
        }
        d.single(Doc.EVIDENCE, "/ci/checks/security", "passed", a.origin(""));
        for (Node result : root.get("Results").optArray()) {
            for (Node v : result.get("Vulnerabilities").optArray()) {
                String id = v.get("VulnerabilityID").requireText("the finding's id");
                String severity = severity(v.get("Severity"));
                Node fixed = v.get("FixedVersion");
                boolean fix = fixed.optText() != null;
                if (id == null || severity == null || digests == null) {
                    continue;
                }
                for (String digest : digests) {
                    d.finding(new Draft.ImportedFinding(id, severity, digest, fix, v.origin()));
                }
            }
        }
    }

    /** The image's digests: every {@code RepoDigests} entry ({@code repo@sha256:...}), else {@code ImageID}. */
    private static List<String> digests(Node metadata) {
        if (!metadata.requireObject("the scanned image's digest")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node rd : metadata.get("RepoDigests").optArray()) {
            String text = rd.requireText("a repository digest");
            if (text == null) {
                return null;
            }
            int at = text.lastIndexOf('@');
            String digest = at < 0 ? text : text.substring(at + 1);
            if (!Artifact.DIGEST.matcher(digest).matches()) {
                rd.artifact()
                        .error(
                                dev.gatehouse.model.DiagnosticCode.BAD_FORMAT,
                                rd.pointer,
                                "must be repository@sha256:<64 lower-case hex>, not '" + text + "'");
                return null;
            }
            if (!out.contains(digest)) {
                out.add(digest);
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        Node imageId = metadata.get("ImageID");
        if (!imageId.present()) {
            imageId.missing("the scanned image's digest (when Metadata.RepoDigests is empty)");
            return null;
        }
        String digest = imageId.requireDigest("the scanned image's digest");
        return digest == null ? null : List.of(digest);
    }

    private static String severity(Node s) {
        String text = s.requireText("the finding's severity");
        if (text == null) {
            return null;
        }
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "CRITICAL" -> "critical";
            case "HIGH", "UNKNOWN" -> "high";
            case "MEDIUM" -> "medium";
            case "LOW" -> "low";
            default -> {
                s.artifact()
                        .error(
                                BAD_VALUE,
                                s.pointer,
                                "must be CRITICAL, HIGH, MEDIUM, LOW or UNKNOWN, not '" + text + "'");
                yield null;
            }
        };
    }
}
