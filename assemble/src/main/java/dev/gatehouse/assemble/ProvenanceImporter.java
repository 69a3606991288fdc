package dev.gatehouse.assemble;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.assemble.Artifact.Node;
import dev.gatehouse.assemble.Draft.Doc;
import java.time.Instant;

/**
 * SLSA provenance v1 ({@code https://slsa.dev/provenance/v1}): each subject with a sha256 digest is an
 * artifact of the release and a digest CI validated ({@code ci.validatedDigests} holds only subjects the
 * provenance names); the source commit is the first resolved dependency with a {@code gitCommit}; the
 * run is {@code runDetails.metadata.invocationId} and its end {@code finishedOn} (both optional in SLSA:
 * the manifest may give them). {@code ci.provenance} records the builder and that the envelope's
 * signature was not verified: verification is not done here, so rules can require it once it is.
 */
final class ProvenanceImporter {
    static final String PREDICATE = "https://slsa.dev/provenance/v1";

    private ProvenanceImporter() {}

    static void read(Artifact s, Draft d) {
        if (!InToto.predicate(s, PREDICATE, "SLSA provenance v1")) {
            return;
        }
        for (InToto.Subject subject : InToto.subjects(s)) {
            ObjectNode artifact = JsonNodeFactory.instance.objectNode();
            artifact.put("name", subject.name() == null ? subject.digest() : subject.name());
            artifact.put("digest", subject.digest());
            d.item(Doc.EVIDENCE, "/release/artifacts", artifact, subject.node().origin());
            d.item(
                    Doc.EVIDENCE,
                    "/ci/validatedDigests",
                    JsonNodeFactory.instance.textNode(subject.digest()),
                    subject.node().get("digest").get("sha256").origin());
        }
        Node predicate = s.root().get("predicate");
        for (Node dep :
                predicate.get("buildDefinition").get("resolvedDependencies").optArray()) {
            Node commit = dep.get("digest").get("gitCommit");
            String c = commit.optText();
            if (c == null) {
                continue;
            }
            if (!Artifact.COMMIT.matcher(c).matches()) {
                s.error(
                        dev.gatehouse.model.DiagnosticCode.BAD_FORMAT,
                        commit.pointer,
                        "must be a commit: 40 lower-case hex characters, not '" + c + "'");
            } else {
                d.single(Doc.EVIDENCE, "/ci/commit", c, commit.origin());
            }
            break;
        }
        Node run = predicate.get("runDetails");
        String builder = run.get("builder").get("id").requireText("the builder's id");
        Node metadata = run.get("metadata");
        String invocation = metadata.get("invocationId").optText();
        if (invocation != null) {
            d.single(
                    Doc.EVIDENCE,
                    "/ci/runId",
                    invocation,
                    metadata.get("invocationId").origin());
        }
        Instant finished = metadata.get("finishedOn").optInstant();
        if (finished != null) {
            d.single(
                    Doc.EVIDENCE,
                    "/ci/finishedAt",
                    finished,
                    metadata.get("finishedOn").origin());
        }
        if (builder != null) {
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            p.put("builder", builder);
            p.put("verified", false);
            d.single(
                    Doc.EVIDENCE,
                    "/ci/provenance",
                    p,
                    run.get("builder").get("id").origin());
        }
    }
}
