package dev.gatehouse.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader records where every JSON Pointer of a document is, for JSON and YAML, in one parse. */
class LocationsTest {
    static final String JSON = String.join(
            "\n",
            "{",
            "  \"kind\": \"ReleaseEvidence\",",
            "  \"security\": {\"findings\": [",
            "    {\"id\": \"CVE-1\"},",
            "    \"x\", 3",
            "  ]},",
            "  \"a/b\": {\"m~n\": true},",
            "  \"é\": \"ü\", \"after\": 1",
            "}");

    static final String YAML = String.join(
            "\n",
            "kind: RiskException",
            "id: EXC-1",
            "scope:",
            "  controls:",
            "    - SEC-002",
            "    - {id: x}",
            "  \"a/b\": {\"m~n\": 1}",
            "expiresAt: 2026-12-01T00:00:00Z",
            "");

    static Stream<Arguments> json() {
        return Stream.of(
                Arguments.of("", "1:1"),
                Arguments.of("/kind", "2:3"),
                Arguments.of("/security", "3:3"),
                Arguments.of("/security/findings", "3:16"),
                Arguments.of("/security/findings/0", "4:5"),
                Arguments.of("/security/findings/0/id", "4:6"),
                Arguments.of("/security/findings/1", "5:5"),
                Arguments.of("/security/findings/2", "5:10"),
                Arguments.of("/a~1b", "7:3"),
                Arguments.of("/a~1b/m~0n", "7:11"),
                // columns count code points, not the UTF-8 bytes the parser reads
                Arguments.of("/é", "8:3"),
                Arguments.of("/after", "8:13"),
                // a pointer the document does not hold: its nearest ancestor
                Arguments.of("/security/findings/0/severity", "4:5"),
                Arguments.of("/ci/checks/security", "1:1"));
    }

    static Stream<Arguments> yaml() {
        return Stream.of(
                Arguments.of("", "1:1"),
                Arguments.of("/kind", "1:1"),
                Arguments.of("/id", "2:1"),
                Arguments.of("/scope/controls", "4:3"),
                Arguments.of("/scope/controls/0", "5:7"),
                Arguments.of("/scope/controls/1", "6:7"),
                Arguments.of("/scope/controls/1/id", "6:8"),
                Arguments.of("/scope/a~1b/m~0n", "7:11"),
                Arguments.of("/expiresAt", "8:1"));
    }

    @ParameterizedTest(name = "json {0} at {1}")
    @MethodSource("json")
    void whenJsonIsReadThenEachPointerHasTheLineAndColumnOfItsNameOrValue(String pointer, String expected) {
        Locations l = read(new DocumentReader(dev.gatehouse.InputLimits.DEFAULT.maxInputBytes())
                .parseJson(JSON.getBytes(StandardCharsets.UTF_8), "e.json"));
        Locations.Position p = l.of(pointer);
        assertEquals(expected, p.line() + ":" + p.column());
    }

    @ParameterizedTest(name = "yaml {0} at {1}")
    @MethodSource("yaml")
    void whenYamlIsReadThenEachPointerHasTheLineAndColumnOfItsNameOrValue(String pointer, String expected) {
        Locations l = read(new DocumentReader(dev.gatehouse.InputLimits.DEFAULT.maxInputBytes())
                .parseYaml(YAML.getBytes(StandardCharsets.UTF_8), "x.yaml"));
        Locations.Position p = l.of(pointer);
        assertEquals(expected, p.line() + ":" + p.column());
    }

    @ParameterizedTest(name = "{0} is not held exactly")
    @MethodSource("missing")
    void whenAPointerIsNotInTheDocumentThenItHasNoExactPosition(String pointer) {
        Locations l = read(new DocumentReader(dev.gatehouse.InputLimits.DEFAULT.maxInputBytes())
                .parseJson(JSON.getBytes(StandardCharsets.UTF_8), "e.json"));
        assertNull(l.exact(pointer));
    }

    static Stream<String> missing() {
        return Stream.of("/nope", "/security/findings/3", "/a/b", "/a~1b/m~n");
    }

    @org.junit.jupiter.api.Test
    void whenADocumentIsBuiltInMemoryThenEveryPointerIsAtTheStart() {
        assertEquals(
                Locations.Position.START, new Document("x", null).locations().of("/security/findings/0"));
    }

    private static Locations read(DocumentReader.Result r) {
        assertEquals(java.util.List.of(), r.diagnostics());
        return r.document().locations();
    }
}
