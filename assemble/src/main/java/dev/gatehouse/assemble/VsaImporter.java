package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.BAD_VALUE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.assemble.Artifact.Node;
import dev.gatehouse.assemble.Draft.Doc;
import java.time.Instant;

/**
 * An SLSA verification summary v1 ({@code https://slsa.dev/verification_summary/v1}): one verification
 * of the kind named on the command line, in the environment named there (or the promotion's origin),
 * with its result ({@code PASSED} passed, {@code FAILED} failed), its time ({@code timeVerified}) and the
 * sha256 digests of its subjects (a subject named by another digest, such as a GCE image id, covers no
 * artifact).
 */
final class VsaImporter {
    static final String PREDICATE = "https://slsa.dev/verification_summary/v1";

    private VsaImporter() {}

    static void read(Artifact s, String kind, String environment, Draft d) {
        if (!InToto.predicate(s, PREDICATE, "SLSA verification summary v1")) {
            return;
        }
        Node predicate = s.root().get("predicate");
        Node resultNode = predicate.get("verificationResult");
        String result = resultNode.requireText("the verification's result");
        Instant at = predicate.get("timeVerified").requireInstant("the verification's time");
        ArrayNode digests = JsonNodeFactory.instance.arrayNode();
        for (InToto.Subject subject : InToto.subjects(s)) {
            digests.add(subject.digest());
        }
        if (result == null || at == null) {
            return;
        }
        String r = switch (result) {
            case "PASSED" -> "passed";
            case "FAILED" -> "failed";
            default -> {
                s.error(BAD_VALUE, resultNode.pointer, "must be PASSED or FAILED, not '" + result + "'");
                yield null;
            }
        };
        if (r == null) {
            return;
        }
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("kind", kind);
        v.put("environment", environment);
        v.put("result", r);
        v.set("digests", digests);
        v.put("completedAt", at.toString());
        d.item(Doc.EVIDENCE, "/verifications", v, s.origin(""));
    }
}
