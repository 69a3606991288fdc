package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 3339 times with any offset are accepted in every input and read as the UTC instant they denote. */
class OffsetInstantsTest {
    static Stream<Arguments> spellings() {
        return Stream.of(
                Arguments.of("2026-11-28T11:40:00Z", "2026-11-28T11:40:00Z"),
                Arguments.of("2026-11-28T11:40:00+00:00", "2026-11-28T11:40:00Z"),
                Arguments.of("2026-11-28T13:40:00+02:00", "2026-11-28T11:40:00Z"),
                Arguments.of("2026-11-28T06:10:00.5-05:30", "2026-11-28T11:40:00.500Z"));
    }

    @ParameterizedTest
    @MethodSource("spellings")
    void whenCapturedAtHasAnOffsetThenItIsReadAsTheUtcInstant(String written, String utc) throws Exception {
        ObjectMapper m = new ObjectMapper();
        var root = TestPaths.root().resolve("fixtures/worked-example");
        ObjectNode readback = (ObjectNode) m.readTree(Files.readString(root.resolve("readback.json")));
        readback.put("capturedAt", written);
        EvaluationInput input = dev.gatehouse.internal.InputReading.fromTrees(
                m.readTree(Files.readString(root.resolve("evidence.json"))),
                "evidence.json",
                readback,
                "readback.json",
                null);
        assertEquals(Instant.parse(utc), input.readback().capturedAt());
    }
}
