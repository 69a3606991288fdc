package dev.gatehouse.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.TestPaths;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A deterministic corpus of input documents for checking the validation: every node of the worked
 * example's evidence, readback and exception replaced by each of a list of hostile values, removed,
 * or given an unknown sibling; every object given an unknown field; and documents with several such
 * mutations at once (fixed seed). Each document is named by its kind and mutations.
 */
public final class InputCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** One document of the corpus. */
    public record Doc(String name, String kind, JsonNode tree) {}

    private InputCorpus() {}

    /** The replacement values: every JSON type, and strings that break each format of the contract. */
    static List<JsonNode> values() {
        List<JsonNode> v = new ArrayList<>();
        v.add(F.nullNode());
        for (String s : List.of(
                "",
                " ",
                "x",
                "gpu",
                "production",
                "passed",
                "sha256:bad",
                "2026-13-01T00:00:00Z",
                "2026-11-28T12:00:00+01:00",
                "2026-02-30T00:00:00Z",
                "P.Ramaswamy",
                "\uFF4D.\uFF4F\uFF4B\uFF41\uFF46\uFF4F\uFF52",
                "a\u200B",
                "p.ramaswamy@corp.example",
                "gatehouse/v2",
                "RiskException")) {
            v.add(F.textNode(s));
        }
        v.add(F.numberNode(0));
        v.add(F.numberNode(-1));
        v.add(F.numberNode(5));
        v.add(F.numberNode(3_000_000_000L));
        v.add(F.numberNode(1.5));
        v.add(F.numberNode(1.0));
        v.add(F.booleanNode(true));
        v.add(F.objectNode());
        v.add(F.arrayNode());
        v.add(F.arrayNode().add(F.nullNode()));
        v.add(F.arrayNode().add("x"));
        v.add(F.objectNode().put("x", 1));
        return v;
    }

    /** The seed documents: the worked example's three, as JSON trees. */
    public static List<Doc> seeds() {
        Path dir = TestPaths.fixtures().resolve("worked-example");
        try {
            return List.of(
                    new Doc(
                            "evidence",
                            ReleaseEvidence.KIND,
                            JSON.readTree(dir.resolve("evidence.json").toFile())),
                    new Doc(
                            "readback",
                            EnvironmentReadback.KIND,
                            JSON.readTree(dir.resolve("readback.json").toFile())),
                    new Doc(
                            "exception",
                            RiskException.KIND,
                            new YAMLMapper()
                                    .readTree(dir.resolve("exceptions/EXC-2026-031.yaml")
                                            .toFile())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole corpus, in a fixed order. */
    public static List<Doc> all() {
        List<Doc> out = new ArrayList<>();
        List<JsonNode> values = values();
        Random random = new Random(20261201L);
        for (Doc seed : seeds()) {
            out.add(seed);
            List<String> pointers = new ArrayList<>();
            collect(seed.tree(), "", pointers);
            for (String p : pointers) {
                for (int i = 0; i < values.size(); i++) {
                    JsonNode value = values.get(i);
                    out.add(new Doc(seed.name() + " " + p + "=" + value, seed.kind(), replaced(seed.tree(), p, value)));
                }
                out.add(new Doc(seed.name() + " " + p + " removed", seed.kind(), removed(seed.tree(), p)));
                JsonNode at = seed.tree().at(p);
                if (at.isObject()) {
                    out.add(new Doc(
                            seed.name() + " " + p + "/extra added", seed.kind(), addField(seed.tree(), p, "extra")));
                    Iterator<String> names = at.fieldNames();
                    if (names.hasNext()) {
                        String name = names.next();
                        String typo = name.substring(0, name.length() - 1);
                        out.add(new Doc(
                                seed.name() + " " + p + "/" + typo + " added",
                                seed.kind(),
                                addField(seed.tree(), p, typo)));
                    }
                }
            }
            for (int n = 0; n < 300; n++) {
                JsonNode doc = seed.tree();
                StringBuilder name = new StringBuilder(seed.name());
                int k = 2 + random.nextInt(3);
                for (int j = 0; j < k; j++) {
                    List<String> here = new ArrayList<>();
                    collect(doc, "", here);
                    if (here.isEmpty()) {
                        break;
                    }
                    String p = here.get(random.nextInt(here.size()));
                    int m = random.nextInt(values.size() + 2);
                    if (m == values.size()) {
                        doc = removed(doc, p);
                        name.append(' ').append(p).append(" removed");
                    } else if (m == values.size() + 1 && doc.at(p).isObject()) {
                        doc = addField(doc, p, "extra" + j);
                        name.append(' ').append(p).append("/extra").append(j).append(" added");
                    } else {
                        JsonNode value = values.get(m % values.size());
                        doc = replaced(doc, p, value);
                        name.append(' ').append(p).append('=').append(value);
                    }
                }
                out.add(new Doc(name.toString(), seed.kind(), doc));
            }
        }
        return out;
    }

    private static void collect(JsonNode node, String pointer, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                String p = pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
                out.add(p);
                collect(f.getValue(), p, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = pointer + "/" + i;
                out.add(p);
                collect(node.get(i), p, out);
            }
        }
    }

    private static String parentOf(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }

    private static String lastOf(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1)
                .replace("~1", "/")
                .replace("~0", "~");
    }

    static JsonNode replaced(JsonNode tree, String pointer, JsonNode value) {
        JsonNode copy = tree.deepCopy();
        JsonNode parent = copy.at(parentOf(pointer));
        if (parent.isObject()) {
            ((ObjectNode) parent).set(lastOf(pointer), value.deepCopy());
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(lastOf(pointer)), value.deepCopy());
        }
        return copy;
    }

    static JsonNode removed(JsonNode tree, String pointer) {
        JsonNode copy = tree.deepCopy();
        JsonNode parent = copy.at(parentOf(pointer));
        if (parent.isObject()) {
            ((ObjectNode) parent).remove(lastOf(pointer));
        } else {
            ((ArrayNode) parent).remove(Integer.parseInt(lastOf(pointer)));
        }
        return copy;
    }

    static JsonNode addField(JsonNode tree, String pointer, String name) {
        JsonNode copy = tree.deepCopy();
        ((ObjectNode) copy.at(pointer)).put(name, "x");
        return copy;
    }

    /** What reading one document gives: "OK", or its diagnostics, one per line, as the command prints them. */
    public static String outcome(Doc doc) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(doc.tree());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Class<?> type = switch (doc.kind()) {
            case ReleaseEvidence.KIND -> ReleaseEvidence.class;
            case EnvironmentReadback.KIND -> EnvironmentReadback.class;
            default -> RiskException.class;
        };
        try {
            dev.gatehouse.internal.InputReading.parse(bytes, "doc.json", doc.kind(), type, false);
            return "OK";
        } catch (InvalidInputException e) {
            return e.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
        }
    }

    /** Writes every document's name and outcome to a file (args[0]): the record of one implementation. */
    public static void main(String[] args) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Doc d : all()) {
            sb.append("## ").append(d.name()).append('\n').append(outcome(d)).append('\n');
        }
        Files.writeString(Path.of(args[0]), sb.toString(), StandardCharsets.UTF_8);
    }
}
