package dev.gatehouse.internal.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/**
 * {@link Json#jcs} against RFC 8785's own examples: number serialization (3.2.2.3), the sample object and sorting
 * (3.2.3); and against the reference canonicalizer ({@code org.erdtman.jcs.JsonCanonicalizer}, which re-parses JSON
 * text) over every JSON and YAML document in the repository and over generated trees.
 */
class JcsTest {
    record NumberCase(String ieee754, String expected) {}

    /** RFC 8785 section 3.2.2.3: an IEEE 754 double (as hex bits) and its JSON text. */
    static final List<NumberCase> NUMBERS = List.of(
            new NumberCase("0000000000000000", "0"),
            new NumberCase("8000000000000000", "0"),
            new NumberCase("0000000000000001", "5e-324"),
            new NumberCase("8000000000000001", "-5e-324"),
            new NumberCase("7fefffffffffffff", "1.7976931348623157e+308"),
            new NumberCase("ffefffffffffffff", "-1.7976931348623157e+308"),
            new NumberCase("4340000000000000", "9007199254740992"),
            new NumberCase("c340000000000000", "-9007199254740992"),
            new NumberCase("4430000000000000", "295147905179352830000"),
            new NumberCase("44b52d02c7e14af5", "9.999999999999997e+22"),
            new NumberCase("44b52d02c7e14af6", "1e+23"),
            new NumberCase("44b52d02c7e14af7", "1.0000000000000001e+23"),
            new NumberCase("444b1ae4d6e2ef4e", "999999999999999700000"),
            new NumberCase("444b1ae4d6e2ef4f", "999999999999999900000"),
            new NumberCase("444b1ae4d6e2ef50", "1e+21"),
            new NumberCase("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"),
            new NumberCase("3eb0c6f7a0b5ed8d", "0.000001"),
            new NumberCase("41b3de4355555553", "333333333.3333332"),
            new NumberCase("41b3de4355555554", "333333333.33333325"),
            new NumberCase("41b3de4355555555", "333333333.3333333"),
            new NumberCase("41b3de4355555556", "333333333.3333334"),
            new NumberCase("41b3de4355555557", "333333333.33333343"),
            new NumberCase("becbf647612f3696", "-0.0000033333333333333333"),
            new NumberCase("43143ff3c1cb0959", "1424953923781206.2"));

    @Test
    void everyNumberOfTheRfcIsWrittenAsTheRfcWritesIt() {
        for (NumberCase c : NUMBERS) {
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(c.ieee754(), 16));
            assertEquals(
                    "{\"n\":" + c.expected() + "}",
                    jcs(Json.mapper().createObjectNode().put("n", d)),
                    c.ieee754());
        }
    }

    @Test
    void nanAndInfinityAreRefusedAsTheRfcRequires() {
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThrows(
                    IllegalStateException.class,
                    () -> Json.jcs(Json.mapper().createObjectNode().put("n", d)),
                    Double.toString(d));
        }
    }

    @Test
    void theRfcSampleObjectIsCanonicalizedAsInTheRfc() throws Exception {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        assertEquals(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}",
                jcs(Json.mapper().readTree(input)));
    }

    @Test
    void membersAreSortedByUtf16CodeUnitsAsInTheRfc() throws Exception {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""";
        assertEquals(
                "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                        + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
                        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
                jcs(Json.mapper().readTree(input)));
    }

    @Test
    void aDoubleThatIsAWholeNumberHasNoFraction() throws Exception {
        assertEquals(
                "{\"durationHours\":24,\"share\":0.1}",
                jcs(Json.mapper().readTree("{\"share\": 0.10, \"durationHours\": 24.0}")));
    }

    /** What Json.jcs was before it wrote the tree itself: Jackson's text, canonicalized by the reference. */
    private static byte[] reference(JsonNode n) throws IOException {
        return new JsonCanonicalizer(Json.mapper()
                        .writer()
                        .without(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                        .writeValueAsString(n))
                .getEncodedUTF8();
    }

    private static void assertAgrees(JsonNode n, String what) {
        byte[] expected;
        try {
            expected = reference(n);
        } catch (IOException refused) { // a number beyond the doubles: refused by both
            assertThrows(IllegalStateException.class, () -> Json.jcs(n), what);
            assertThrows(IllegalStateException.class, () -> Json.jcsSha256(n), what);
            return;
        }
        assertArrayEquals(expected, Json.jcs(n), what);
        assertEquals(Json.sha256(expected), Json.jcsSha256(n), what);
    }

    @Test
    void everyDocumentInTheRepositoryIsCanonicalizedAsTheReferenceDoes() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("/target/")
                            && !p.toString().contains("/node_modules/")
                            && !p.toString().contains("/.git/")
                            && !p.toString().contains("/attacks/"))
                    .filter(p -> p.toString().matches(".*\\.(json|ya?ml)$"))
                    .sorted()
                    .toList();
        }
        int compared = 0;
        for (Path file : files) {
            JsonNode tree;
            try {
                tree = (file.toString().endsWith(".json") ? Json.mapper() : Json.exactYaml()).readTree(file.toFile());
            } catch (IOException | RuntimeException notJson) {
                continue; // a deliberately broken document (invalid-input cases)
            }
            if (tree == null || tree.isMissingNode()) {
                continue;
            }
            assertAgrees(tree, root.relativize(file).toString());
            // Big decimals and big integers too: the numbers exactly as written.
            if (file.toString().endsWith(".json")) {
                assertAgrees(
                        Json.mapper()
                                .readerFor(JsonNode.class)
                                .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                                .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                                .readValue(file.toFile()),
                        root.relativize(file) + " (exact numbers)");
            }
            compared++;
        }
        assertTrue(compared > 300, "compared only " + compared + " documents");
    }

    @Property(tries = 2000)
    void everyGeneratedTreeIsCanonicalizedAsTheReferenceDoes(@ForAll("trees") JsonNode tree) throws IOException {
        assertAgrees(tree, tree.toString());
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return node(3).map(n -> {
            ObjectNode o = Json.mapper().createObjectNode();
            o.set("v", n);
            return o;
        });
    }

    private static Arbitrary<JsonNode> node(int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<String> strings = Arbitraries.strings()
                .withCharRange('\u0000', '\u00ff')
                .withChars('\u20ac', '\ud83d', '\ude00', '\ufb33', '\u2028', '\ufeff', '"', '\\', '/')
                .ofMaxLength(12);
        List<Arbitrary<? extends JsonNode>> leaves = List.of(
                strings.map(f::textNode),
                Arbitraries.integers().map(f::numberNode),
                Arbitraries.longs().map(f::numberNode),
                Arbitraries.bigIntegers()
                        .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(f::numberNode),
                Arbitraries.doubles().filter(d -> !d.isNaN() && !d.isInfinite()).map(f::numberNode),
                Arbitraries.bigDecimals()
                        .between(BigDecimal.valueOf(-1e12), BigDecimal.valueOf(1e12))
                        .ofScale(9)
                        .map(f::numberNode),
                Arbitraries.of(-0.0, 1e21, 1e-7, 5e-324, 9007199254740993.0).map(f::numberNode),
                Arbitraries.of(true, false).map(f::booleanNode),
                Arbitraries.just(f.nullNode()));
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(leaves);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> child = Arbitraries.lazy(() -> node(depth - 1));
        Arbitrary<JsonNode> array = child.list().ofMaxSize(4).map(items -> {
            ArrayNode a = f.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Combinators.combine(
                        strings.list().ofMaxSize(4), child.list().ofSize(4))
                .as((names, values) -> {
                    ObjectNode o = f.objectNode();
                    for (int i = 0; i < names.size(); i++) {
                        o.set(names.get(i), values.get(i));
                    }
                    return (JsonNode) o;
                });
        return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(1, array), Tuple.of(1, object));
    }

    private static String jcs(com.fasterxml.jackson.databind.JsonNode n) {
        return new String(Json.jcs(n), StandardCharsets.UTF_8);
    }
}
