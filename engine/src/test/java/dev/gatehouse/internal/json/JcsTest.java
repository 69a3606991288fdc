package dev.gatehouse.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Json#jcs} against RFC 8785's own examples: number serialization (3.2.2.3), the sample object and sorting (3.2.3). */
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

    private static String jcs(com.fasterxml.jackson.databind.JsonNode n) {
        return new String(Json.jcs(n), StandardCharsets.UTF_8);
    }
}
