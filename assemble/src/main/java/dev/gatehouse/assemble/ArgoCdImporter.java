package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.BAD_VALUE;
import static dev.gatehouse.model.DiagnosticCode.UNSUPPORTED_ARTIFACT;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.assemble.Artifact.Node;
import dev.gatehouse.assemble.Draft.Doc;
import java.util.List;

/**
 * An Argo CD Application ({@code kubectl get application -o json|yaml}, {@code argocd app get -o json}):
 * the revision it was rendered from ({@code status.sync.revision}; {@code null} when it is not a git
 * commit, such as a Helm chart version) and the sync status into the readback's profile. A Synced
 * application has no manual steps; an OutOfSync (or Unknown) one has one manual step for each resource
 * not Synced, and at least one: drift from git is a change nobody rendered, never zero manual steps.
 */
final class ArgoCdImporter {
    private ArgoCdImporter() {}

    static void read(Artifact a, Draft d) {
        Node root = a.root();
        if (!root.value.isObject()) {
            a.error(UNSUPPORTED_ARTIFACT, "", "is not an Argo CD Application: the document is not an object");
            return;
        }
        String kind = root.get("kind").requireText("the object's kind");
        if (kind == null) {
            return;
        }
        if (!kind.equals("Application")) {
            a.error(UNSUPPORTED_ARTIFACT, "/kind", "must be Application (Argo CD), not '" + kind + "'");
            return;
        }
        Node sync = root.get("status").get("sync");
        Node statusNode = sync.get("status");
        String status = statusNode.requireText("the sync status");
        if (status == null) {
            return;
        }
        if (!List.of("Synced", "OutOfSync", "Unknown").contains(status)) {
            a.error(BAD_VALUE, statusNode.pointer, "must be Synced, OutOfSync or Unknown, not '" + status + "'");
            return;
        }
        Node revision = sync.get("revision");
        String rev = revision.optText();
        if (rev != null && Artifact.COMMIT.matcher(rev).matches()) {
            d.single(Doc.READBACK, "/profile/renderedFromCommit", rev, revision.origin());
        } else {
            d.single(
                    Doc.READBACK,
                    "/profile/renderedFromCommit",
                    JsonNodeFactory.instance.nullNode(),
                    revision.present() ? revision.origin() : sync.origin());
        }
        int steps = 0;
        if (!status.equals("Synced")) {
            for (Node r : root.get("status").get("resources").optArray()) {
                String s = r.get("status").optText();
                if (!"Synced".equals(s)) {
                    steps++;
                }
            }
            steps = Math.max(1, steps);
        }
        d.single(Doc.READBACK, "/profile/manualSteps", JsonNodeFactory.instance.numberNode(steps), statusNode.origin());
    }
}
