package dev.gatehouse.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.Environment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The binder reads every contract type from its declaration: a new field of a supported type needs no code, and a
 * type it cannot bind fails when the validator is built, naming the type, never while reading an input.
 */
class BinderTest {
    static final ObjectMapper JSON =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();

    /** Every type the binder binds, as a future contract field might use it. */
    public record Everything(
            String s,
            Boolean b,
            Integer i,
            Long l,
            Double d,
            Instant at,
            Environment env,
            List<Inner> items,
            Map<String, Integer> counts,

            @JsonProperty(value = "renamed", required = true)
            String name) {}

    /** A nested record. */
    public record Inner(String x) {}

    /** A record whose constructor checks its values. */
    public record Checking(Integer n) {
        public Checking {
            if (n != null && n < 0) {
                throw new IllegalArgumentException("n must not be negative");
            }
        }
    }

    /** A field type outside the binder's set. */
    public record WithASet(Set<String> tags) {}

    /** Not a record: the binder builds records only. */
    public static final class NotARecord {}

    /** A record holding a non-record class. */
    public record HoldsAClass(NotARecord inner) {}

    private static List<String> problems(String json, Class<?> type) throws Exception {
        return new Binder(JSON)
                .bind(JSON.readTree(json), type, "f.json").problems().stream()
                        .map(Diagnostic::format)
                        .toList();
    }

    @Test
    void whenEveryKindOfFieldIsWellFormedThenTheValueIsBuiltWithNoProblem() throws Exception {
        String json = "{\"s\":\"a\",\"b\":true,\"i\":1,\"l\":5000000000,\"d\":1.5,\"at\":\"2026-11-28T12:00:00Z\","
                + "\"env\":\"staging\",\"items\":[{\"x\":\"y\"}],\"counts\":{\"k\":2},\"renamed\":\"n\"}";
        Binder.Bound bound = new Binder(JSON).bind(JSON.readTree(json), Everything.class, "f.json");
        assertEquals(List.of(), bound.problems());
        assertEquals(
                new Everything(
                        "a",
                        true,
                        1,
                        5_000_000_000L,
                        1.5,
                        Instant.parse("2026-11-28T12:00:00Z"),
                        Environment.STAGING,
                        List.of(new Inner("y")),
                        Map.of("k", 2),
                        "n"),
                bound.value());
    }

    @Test
    void whenEveryFieldIsWrongThenEachProblemIsReportedAtItsPointer() throws Exception {
        String json = "{\"s\":1,\"b\":\"yes\",\"i\":1.5,\"l\":\"x\",\"d\":true,\"at\":\"2026-11-28 12:00\","
                + "\"env\":\"prod\",\"items\":[{\"x\":2,\"extra\":1},null],\"counts\":{\"k\":\"2\"},\"renamd\":\"n\"}";
        assertEquals(
                List.of(
                        "f.json: /s: has the wrong type: integer found, [string, null] expected",
                        "f.json: /b: has the wrong type: string found, [boolean, null] expected",
                        "f.json: /i: has the wrong type: number found, [integer, null] expected",
                        "f.json: /l: has the wrong type: string found, [integer, null] expected",
                        "f.json: /d: has the wrong type: boolean found, [number, null] expected",
                        "f.json: /at: must be an RFC 3339 instant such as 2026-11-28T12:00:00Z or 2026-11-28T13:00:00+01:00",
                        "f.json: /env: must be one of kind, dev-control, demo, staging, production, not \"prod\"",
                        "f.json: /items/0/x: has the wrong type: integer found, [string, null] expected",
                        "f.json: /items/0/extra: is not a known field",
                        "f.json: /counts/k: has the wrong type: string found, integer expected",
                        "f.json: /renamd: is not a known field (did you mean renamed?)",
                        "f.json: /renamed: is required"),
                problems(json, Everything.class));
    }

    @Test
    void whenANumberOrInstantCannotBeHeldThenTheMappersOwnWordsAreTheProblem() throws Exception {
        Binder.Bound bound = new Binder(JSON)
                .bind(
                        JSON.readTree("{\"at\":\"2026-02-30T00:00:00Z\",\"i\":3000000000," + "\"renamed\":null}"),
                        Everything.class,
                        "f.json");
        assertEquals(
                List.of("f.json: /at: Cannot deserialize value of type `java.time.Instant` from String "
                        + "\"2026-02-30T00:00:00Z\": Failed to deserialize java.time.Instant: (java.time.format.DateTimeParseException)"
                        + " Text '2026-02-30T00:00:00Z' could not be parsed at index 0"),
                bound.problems().stream().map(Diagnostic::format).toList());
        // Too large for an int: bound at the nearest int so that a @Max can speak; the range problem waits.
        assertEquals(
                Map.of("/i", "f.json: /i: Numeric value (3000000000) out of range of int (-2147483648 - 2147483647)"),
                Map.of("/i", bound.outOfRange().get("/i").format()));
        assertEquals(Set.of("/renamed"), bound.nulls().keySet());
    }

    @Test
    void whenARecordsConstructorRefusesTheValuesThenThatIsABadValueAtTheRecordNotAnInternalError() throws Exception {
        assertEquals(List.of("f.json: /: n must not be negative"), problems("{\"n\":-1}", Checking.class));
        assertEquals(List.of(), problems("{\"n\":1}", Checking.class));
    }

    @Test
    void whenAContractTypeHoldsATypeTheBinderCannotBindThenBuildingItsShapeFailsNamingTheType() {
        IllegalStateException set =
                assertThrows(IllegalStateException.class, () -> new Binder(JSON).shapeOf(WithASet.class));
        assertEquals(
                "a contract type holds java.util.Set<java.lang.String>, which the input binder does not bind: use a"
                        + " record, a List, a Map from String, an enum, String, Boolean, Integer, Long, Double or Instant (boxed, so"
                        + " that a missing value is null)",
                set.getMessage());
        IllegalStateException cls =
                assertThrows(IllegalStateException.class, () -> new Binder(JSON).shapeOf(HoldsAClass.class));
        assertEquals(true, cls.getMessage().startsWith("a contract type holds " + NotARecord.class.getName()));
    }

    /** The UTC fast path reads every time exactly as Instant.parse does, and refuses what it refuses. */
    @net.jqwik.api.Property(tries = 20_000)
    void theUtcFastPathAgreesWithInstantParse(
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 9999) int year,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 19) int month,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 39) int day,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 29) int hour,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 69) int minute,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 69) int second,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 9) int fractionDigits,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 999_999_999) int fraction) {
        String f =
                fractionDigits == 0 ? "" : "." + String.format("%09d", fraction).substring(0, fractionDigits);
        String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", year, month, day, hour, minute, second, f);
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (java.time.DateTimeException refused) {
            expected = null;
        }
        Instant fast;
        try {
            fast = Binder.utc(text);
        } catch (java.time.DateTimeException refused) {
            assertEquals(null, expected, text + " is refused by the fast path only");
            return;
        }
        if (fast != null) {
            assertEquals(expected, fast, text);
        } else {
            // Left to Instant.parse: only hour 24, a leap second, or a field out of range.
            org.junit.jupiter.api.Assertions.assertTrue(hour > 23 || minute > 59 || second > 59, text);
        }
    }

    @Test
    void theUtcFastPathLeavesOffsetsHour24AndLeapSecondsToInstantParse() {
        assertEquals(null, Binder.utc("2026-11-28T12:00:00+01:00"));
        assertEquals(null, Binder.utc("2026-11-28T24:00:00Z"));
        assertEquals(null, Binder.utc("2026-12-31T23:59:60Z"));
        assertEquals(Instant.parse("2026-11-28T12:00:00.5Z"), Binder.utc("2026-11-28T12:00:00.5Z"));
        assertEquals(Instant.parse("0000-01-01T00:00:00Z"), Binder.utc("0000-01-01T00:00:00Z"));
        assertThrows(java.time.DateTimeException.class, () -> Binder.utc("2026-02-29T00:00:00Z"));
    }
}
