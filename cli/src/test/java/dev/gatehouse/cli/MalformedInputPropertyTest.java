package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * No malformed input ever yields a decision. Each try takes one document of the worked example
 * (evidence, readback or its exception), breaks it in a way the contract forbids whatever the
 * field, and runs {@code gatehouse evaluate}: the answer must be exit 2, nothing on stdout, and the
 * "no decision was made" summary on stderr. The mutations are chosen so that every one of them is
 * invalid by construction (a property that could also accept a still-valid input would prove less).
 */
class MalformedInputPropertyTest {
    static final Path EXAMPLE = CliRun.ROOT.resolve("fixtures/worked-example");
    static final ObjectMapper JSON = new ObjectMapper();

    /** How a document is broken. */
    enum Mutation {
        /** Cut the text short anywhere before its closing brace. */
        TRUNCATE,
        /** Replace a scalar (string, number, boolean, null) with an object: no field of the contract takes one there. */
        SCALAR_TO_OBJECT,
        /** Replace a scalar with an array. */
        SCALAR_TO_ARRAY,
        /** Replace an object or array with a string. */
        CONTAINER_TO_STRING,
        /** Add a field no object of the contract has. */
        UNKNOWN_FIELD,
        /** Repeat a key of an object with another value. */
        DUPLICATE_KEY,
        /** Change apiVersion or kind. */
        WRONG_HEADER,
        /** Replace a string with one that is not valid UTF-8. */
        BROKEN_UTF8,
        /** Replace a scalar with a number beyond a double's range (read as Infinity by a lax reader). */
        NON_FINITE
    }

    /** Which document is broken. */
    enum Target {
        EVIDENCE,
        READBACK,
        EXCEPTION
    }

    @Property(tries = 400)
    void aMalformedDocumentIsNeverDecided(
            @ForAll Target target, @ForAll Mutation mutation, @ForAll @IntRange(min = 0, max = 1_000_000) int pick)
            throws IOException {
        Path dir = Files.createTempDirectory("malformed-");
        try {
            Path evidence = dir.resolve("evidence.json");
            Path readback = dir.resolve("readback.json");
            Path exceptions = Files.createDirectories(dir.resolve("exceptions"));
            Path exception = exceptions.resolve("EXC-2026-031.json");
            Files.copy(EXAMPLE.resolve("evidence.json"), evidence);
            Files.copy(EXAMPLE.resolve("readback.json"), readback);
            Files.writeString(
                    exception,
                    JSON.writeValueAsString(new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                            .readTree(EXAMPLE.resolve("exceptions/EXC-2026-031.yaml")
                                    .toFile())));
            Path broken = switch (target) {
                case EVIDENCE -> evidence;
                case READBACK -> readback;
                case EXCEPTION -> exception;
            };
            Files.write(broken, mutate(Files.readAllBytes(broken), mutation, pick));

            CliRun r = CliRun.of(
                    "evaluate",
                    "--evidence",
                    evidence.toString(),
                    "--readback",
                    readback.toString(),
                    "--exceptions",
                    exceptions.toString(),
                    "--at",
                    "2026-11-28T12:00:00Z");
            String context = target + " " + mutation + " " + pick + ":\n"
                    + Files.readString(broken, StandardCharsets.ISO_8859_1) + "\nstderr:\n" + r.err();
            assertEquals(2, r.exit(), context);
            assertEquals("", r.out(), context);
            List<String> lines = r.err().lines().toList();
            assertTrue(
                    !lines.isEmpty() && lines.get(lines.size() - 1).startsWith("gatehouse: the input is invalid ("),
                    context);
            assertTrue(lines.size() >= 2 && lines.get(0).startsWith(broken.toString()), context);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static byte[] mutate(byte[] original, Mutation mutation, int pick) throws IOException {
        if (mutation == Mutation.TRUNCATE) {
            String text = new String(original, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('}');
            return text.substring(0, pick % end).getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode root = (ObjectNode) JSON.readTree(original);
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        switch (mutation) {
            case NON_FINITE -> {
                List<Slot> scalars =
                        slots.stream().filter(s -> s.value().isValueNode()).toList();
                String marker = "zzNonFiniteMarker" + pick;
                scalars.get(pick % scalars.size()).set(JsonNodeFactory.instance.textNode(marker));
                return JSON.writeValueAsString(root)
                        .replace("\"" + marker + "\"", (pick % 2 == 0 ? "" : "-") + "1e400")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case SCALAR_TO_OBJECT, SCALAR_TO_ARRAY, BROKEN_UTF8 -> {
                List<Slot> scalars = slots.stream()
                        .filter(s -> s.value().isValueNode()
                                && (mutation != Mutation.BROKEN_UTF8
                                        || s.value().isTextual()))
                        .toList();
                Slot s = scalars.get(pick % scalars.size());
                if (mutation == Mutation.BROKEN_UTF8) {
                    s.set(JsonNodeFactory.instance.textNode("\u0000BROKEN\u0000"));
                    byte[] text = JSON.writeValueAsBytes(root);
                    // The escaped marker becomes a lone continuation byte and an overlong encoding: not UTF-8.
                    String marked = new String(text, StandardCharsets.ISO_8859_1)
                            .replace("\\u0000BROKEN\\u0000", "\u0080\u00c0\u00af");
                    return marked.getBytes(StandardCharsets.ISO_8859_1);
                }
                s.set(
                        mutation == Mutation.SCALAR_TO_OBJECT
                                ? JsonNodeFactory.instance.objectNode().put("v", 1)
                                : JsonNodeFactory.instance.arrayNode().add(1));
            }
            case CONTAINER_TO_STRING -> {
                List<Slot> containers =
                        slots.stream().filter(s -> s.value().isContainerNode()).toList();
                containers.get(pick % containers.size()).set(JsonNodeFactory.instance.textNode("x"));
            }
            case UNKNOWN_FIELD -> {
                List<ObjectNode> objects = new ArrayList<>();
                objects.add(root);
                slots.stream().filter(s -> s.value().isObject()).forEach(s -> objects.add((ObjectNode) s.value()));
                objects.get(pick % objects.size()).put("zzUnknown" + pick, true);
            }
            case DUPLICATE_KEY -> {
                List<ObjectNode> objects = new ArrayList<>();
                objects.add(root);
                slots.stream()
                        .filter(s -> s.value().isObject() && s.value().size() > 0)
                        .forEach(s -> objects.add((ObjectNode) s.value()));
                ObjectNode o = objects.get(pick % objects.size());
                String key = o.fieldNames().next();
                // Jackson's tree cannot hold a duplicate: write it by hand, the repeat after the original.
                String marker = "zzDuplicateMarker" + pick;
                o.put(marker, true);
                String text = JSON.writeValueAsString(root);
                return text.replace("\"" + marker + "\":true", JSON.writeValueAsString(key) + ":\"again\"")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case WRONG_HEADER -> {
                if (pick % 2 == 0) {
                    root.put("apiVersion", "gatehouse/v" + (2 + pick % 7));
                } else {
                    root.put("kind", root.path("kind").asText() + "s");
                }
            }
            default -> throw new IllegalStateException(mutation.toString());
        }
        return JSON.writeValueAsBytes(root);
    }

    /** A place in the tree that holds a value and can be given another. */
    interface Slot {
        JsonNode value();

        void set(JsonNode replacement);
    }

    static void collect(JsonNode node, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            o.fields().forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> f : fields) {
                if (f.getKey().equals("apiVersion") || f.getKey().equals("kind")) {
                    continue; // WRONG_HEADER's business; replacing them is covered there
                }
                out.add(new Slot() {
                    public JsonNode value() {
                        return f.getValue();
                    }

                    public void set(JsonNode replacement) {
                        o.set(f.getKey(), replacement);
                    }
                });
                collect(f.getValue(), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                int index = i;
                out.add(new Slot() {
                    public JsonNode value() {
                        return a.get(index);
                    }

                    public void set(JsonNode replacement) {
                        a.set(index, replacement);
                    }
                });
                collect(a.get(i), out);
            }
        }
    }

    static {
        // Fail loudly rather than test nothing if the example moves.
        if (!Files.isRegularFile(EXAMPLE.resolve("evidence.json"))) {
            throw new UncheckedIOException(new IOException("no worked example at " + EXAMPLE));
        }
    }
}
