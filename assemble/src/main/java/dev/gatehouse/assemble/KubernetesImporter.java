package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.BAD_FORMAT;
import static dev.gatehouse.model.DiagnosticCode.UNSUPPORTED_ARTIFACT;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.assemble.Artifact.Node;
import dev.gatehouse.assemble.Draft.Doc;

/**
 * Kubernetes objects as {@code kubectl get -o json} or {@code -o yaml} prints them: a Pod, a Deployment,
 * or a List of them. Each running container is a workload {@code <pod>/<container>} with the digest of
 * its {@code status.containerStatuses[].imageID}, the image the node really runs (prefixes such as
 * {@code docker-pullable://} and the repository before {@code @} are dropped). A Deployment's status
 * names no image, so its containers count only when the image is pinned by digest
 * ({@code image@sha256:...}); one named by tag is an error (the running digest is in its Pods).
 */
final class KubernetesImporter {
    private KubernetesImporter() {}

    static void read(Artifact a, Draft d) {
        Node root = a.root();
        if (!root.value.isObject()) {
            a.error(UNSUPPORTED_ARTIFACT, "", "is not a Kubernetes object: the document is not an object");
            return;
        }
        object(root, d, true);
    }

    private static void object(Node o, Draft d, boolean top) {
        String kind = o.get("kind").requireText("the object's kind");
        if (kind == null) {
            return;
        }
        switch (kind) {
            case "Pod" -> pod(o, d);
            case "Deployment" -> deployment(o, d);
            default -> {
                if (top && kind.endsWith("List")) {
                    for (Node item : o.get("items").requireArray("the listed objects")) {
                        object(item, d, false);
                    }
                } else {
                    o.artifact()
                            .error(
                                    UNSUPPORTED_ARTIFACT,
                                    o.get("kind").pointer,
                                    "must be Pod, Deployment or a List of them, not '" + kind + "'");
                }
            }
        }
    }

    private static void pod(Node pod, Draft d) {
        String name = pod.get("metadata").get("name").requireText("the Pod's name");
        Node status = pod.get("status");
        for (Node c : status.get("containerStatuses").requireArray("the running containers and their image digests")) {
            String container = c.get("name").requireText("the container's name");
            Node imageId = c.get("imageID");
            String id = imageId.requireText("the digest of the image the container runs");
            if (name == null || container == null || id == null) {
                continue;
            }
            String digest = digest(id);
            if (digest == null) {
                imageId.artifact()
                        .error(
                                BAD_FORMAT,
                                imageId.pointer,
                                "must name the image by digest (...@sha256:<64 lower-case hex>), not '" + id + "'");
                continue;
            }
            d.item(Doc.READBACK, "/workloads", workload(name + "/" + container, digest), c.origin());
        }
    }

    private static void deployment(Node dep, Draft d) {
        String name = dep.get("metadata").get("name").requireText("the Deployment's name");
        Node containers = dep.get("spec").get("template").get("spec").get("containers");
        for (Node c : containers.requireArray("the containers")) {
            String container = c.get("name").requireText("the container's name");
            Node image = c.get("image");
            String text = image.requireText("the container's image");
            if (name == null || container == null || text == null) {
                continue;
            }
            int at = text.lastIndexOf('@');
            String digest = at < 0 ? null : text.substring(at + 1);
            if (digest == null || !Artifact.DIGEST.matcher(digest).matches()) {
                image.artifact()
                        .error(
                                BAD_FORMAT,
                                image.pointer,
                                "names the image by tag ('" + text
                                        + "'), so the running digest is not known: pin it (image@sha256:...) or pass the Deployment's"
                                        + " Pods (kubectl get pods -o json), whose status names the image they run");
                continue;
            }
            d.item(Doc.READBACK, "/workloads", workload(name + "/" + container, digest), c.origin());
        }
    }

    /** The {@code sha256:} digest in an imageID such as {@code docker-pullable://alpine@sha256:...}, or null. */
    static String digest(String imageId) {
        int at = imageId.lastIndexOf('@');
        String tail = at >= 0 ? imageId.substring(at + 1) : imageId;
        int scheme = tail.indexOf("://");
        if (scheme >= 0) {
            tail = tail.substring(scheme + 3);
        }
        return Artifact.DIGEST.matcher(tail).matches() ? tail : null;
    }

    private static ObjectNode workload(String name, String digest) {
        ObjectNode w = JsonNodeFactory.instance.objectNode();
        w.put("name", name);
        w.put("digest", digest);
        return w;
    }
}
