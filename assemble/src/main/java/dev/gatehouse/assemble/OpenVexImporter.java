package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.BAD_VALUE;
import static dev.gatehouse.model.DiagnosticCode.UNSUPPORTED_ARTIFACT;

import dev.gatehouse.assemble.Artifact.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenVEX (0.2.0, and the 0.0.x spelling with a string {@code vulnerability}): every statement's status
 * ({@code not_affected}, {@code affected}, {@code fixed}, {@code under_investigation}) and justification
 * for the vulnerability (its name and aliases) in each product named by an image digest (a digest, an
 * OCI package URL such as {@code pkg:oci/nginx@sha256%3A...}, or a {@code sha-256} hash). The statement
 * is recorded on the finding with that id on that artifact; it never removes the finding.
 */
final class OpenVexImporter {
    static final List<String> STATUSES = List.of("not_affected", "affected", "fixed", "under_investigation");

    private OpenVexImporter() {}

    static boolean isOpenVex(Artifact a) {
        String context = a.root().get("@context").optText();
        return context != null && context.startsWith("https://openvex.dev/ns");
    }

    static void read(Artifact a, Draft d) {
        if (!a.root.isObject() || !isOpenVex(a)) {
            a.error(
                    UNSUPPORTED_ARTIFACT,
                    "",
                    "is neither OpenVEX (an @context of https://openvex.dev/ns/...) nor "
                            + "CycloneDX (bomFormat CycloneDX)");
            return;
        }
        for (Node s : a.root().get("statements").requireArray("the VEX statements")) {
            Node v = s.get("vulnerability");
            List<String> ids = new ArrayList<>();
            if (v.present() && v.value.isTextual()) {
                ids.add(v.requireText("the vulnerability's name"));
            } else {
                String name = v.get("name").requireText("the vulnerability's name");
                if (name != null) {
                    ids.add(name);
                }
                for (Node alias : v.get("aliases").optArray()) {
                    String x = alias.optText();
                    if (x != null) {
                        ids.add(x);
                    }
                }
            }
            Node statusNode = s.get("status");
            String status = statusNode.requireText("the statement's status");
            if (status != null && !STATUSES.contains(status)) {
                a.error(
                        BAD_VALUE,
                        statusNode.pointer,
                        "must be not_affected, affected, fixed or under_investigation, not '" + status + "'");
                status = null;
            }
            String justification = s.get("justification").optText();
            List<Node> products = s.get("products").requireArray("the products the statement is about");
            if (ids.isEmpty() || ids.contains(null) || status == null) {
                continue;
            }
            for (Node p : products) {
                String digest = p.value != null && p.value.isTextual()
                        ? Products.digest(p.value.textValue())
                        : Products.digest(p.get("@id").optText());
                if (digest == null && p.value != null && p.value.isObject()) {
                    digest = Products.fromHex(p.get("hashes").get("sha-256").optText());
                    if (digest == null) {
                        digest =
                                Products.digest(p.get("identifiers").get("purl").optText());
                    }
                }
                if (digest != null) {
                    d.vex(new Draft.VexStatement(List.copyOf(ids), digest, status, justification, s.origin()));
                }
            }
        }
    }
}
