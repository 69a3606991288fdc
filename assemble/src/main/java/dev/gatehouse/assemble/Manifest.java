package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.UNKNOWN_FIELD;
import static dev.gatehouse.model.DiagnosticCode.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.Inputs;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import java.util.Iterator;
import java.util.Map;

/**
 * The manifest: what no artifact knows, in the contract's own field names. A YAML or JSON object with
 * two keys, {@code evidence} and {@code readback}, each a partial ReleaseEvidence / EnvironmentReadback
 * without {@code apiVersion} and {@code kind} (assemble writes those). Any field may be left out; the
 * assembled documents are validated in full, and a field neither the manifest nor an artifact gives is
 * reported at its place in the manifest.
 */
final class Manifest {
    static final String KIND = "AssembleManifest";

    private Manifest() {}

    /** The two partial documents, each with {@code apiVersion} and {@code kind} first; null after reporting. */
    static ObjectNode[] read(Artifact a) {
        if (!a.root.isObject()) {
            a.error(WRONG_TYPE, "", "must be an object with the keys evidence and readback");
            return null;
        }
        boolean ok = true;
        for (Iterator<String> it = a.root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("evidence") && !key.equals("readback")) {
                a.error(
                        UNKNOWN_FIELD,
                        "/" + Artifact.escape(key),
                        "is not a field of the manifest: it has evidence and readback");
                ok = false;
            }
        }
        ObjectNode evidence = part(a, "evidence", ReleaseEvidence.KIND);
        ObjectNode readback = part(a, "readback", EnvironmentReadback.KIND);
        return ok && evidence != null && readback != null ? new ObjectNode[] {evidence, readback} : null;
    }

    private static ObjectNode part(Artifact a, String key, String kind) {
        JsonNode given = a.root.get(key);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("apiVersion", "gatehouse/v1");
        out.put("kind", kind);
        if (given == null || given.isNull()) {
            return out;
        }
        if (!given.isObject()) {
            a.error(WRONG_TYPE, "/" + key, "must be an object: a partial " + kind + " without apiVersion and kind");
            return null;
        }
        boolean ok = true;
        for (String written : new String[] {"apiVersion", "kind", "sources"}) {
            if (given.has(written)) {
                a.error(
                        UNKNOWN_FIELD,
                        "/" + key + "/" + written,
                        "is written by assemble: leave it out of the manifest");
                ok = false;
            }
        }
        for (Map.Entry<String, JsonNode> e : given.properties()) {
            out.set(e.getKey(), e.getValue().deepCopy());
        }
        return ok ? out : null;
    }

    /**
     * The manifest's JSON Schema: an object with {@code evidence} and {@code readback}, each the
     * contract's schema of its kind with no field required, without {@code apiVersion}, {@code kind}
     * and {@code sources}. Generated from the published schemas, so it cannot drift from them.
     */
    static String schema() {
        ObjectMapper m = new ObjectMapper();
        try {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            out.put("$id", "https://gatehouse.dev/schemas/v1/AssembleManifest.schema.json");
            out.put("title", "gatehouse assemble manifest");
            out.put(
                    "description",
                    "What no artifact knows, in the contract's field names: a partial ReleaseEvidence and "
                            + "a partial EnvironmentReadback. Every field an artifact supplies may be left out.");
            out.put("type", "object");
            ObjectNode props = out.putObject("properties");
            ObjectNode defs = JsonNodeFactory.instance.objectNode();
            for (String[] part :
                    new String[][] {{"evidence", ReleaseEvidence.KIND}, {"readback", EnvironmentReadback.KIND}}) {
                ObjectNode s = (ObjectNode) m.readTree(Inputs.schema(part[1]));
                ObjectNode top = JsonNodeFactory.instance.objectNode();
                top.put("type", "object");
                ObjectNode p = ((ObjectNode) s.get("properties")).deepCopy();
                p.remove("apiVersion");
                p.remove("kind");
                p.remove("sources");
                top.set("properties", p);
                top.put("additionalProperties", false);
                props.set(part[0], top);
                JsonNode d = s.get("$defs");
                if (d != null) {
                    for (Map.Entry<String, JsonNode> e : d.properties()) {
                        defs.set(e.getKey(), e.getValue().deepCopy());
                    }
                }
            }
            out.put("additionalProperties", false);
            unrequire(props);
            unrequire(defs);
            if (!defs.isEmpty()) {
                out.set("$defs", defs);
            }
            return Assembler.write(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read the generated schemas: " + e.getMessage(), e);
        }
    }

    private static void unrequire(JsonNode n) {
        if (n.isObject()) {
            ((ObjectNode) n).remove("required");
            for (JsonNode c : n) {
                unrequire(c);
            }
        } else if (n instanceof ArrayNode arr) {
            for (JsonNode c : arr) {
                unrequire(c);
            }
        }
    }
}
