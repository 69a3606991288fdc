package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.model.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evidence and the readback may be YAML (a file named *.yaml or *.yml), read with the safe subset. */
class YamlInputsTest {
    static final Path EXAMPLE = TestPaths.root().resolve("fixtures/worked-example");

    @TempDir
    Path tmp;

    @Test
    void whenEvidenceAndReadbackAreYamlThenTheyReadAsTheJsonDoes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path e = tmp.resolve("evidence.yaml");
        Path r = tmp.resolve("readback.YML");
        new YAMLMapper()
                .writeValue(
                        e.toFile(),
                        json.readTree(EXAMPLE.resolve("evidence.json").toFile()));
        new YAMLMapper()
                .writeValue(
                        r.toFile(),
                        json.readTree(EXAMPLE.resolve("readback.json").toFile()));
        EvaluationInput fromJson =
                Inputs.read(EXAMPLE.resolve("evidence.json"), EXAMPLE.resolve("readback.json"), null);
        EvaluationInput fromYaml = Inputs.read(e, r, null);
        assertEquals(fromJson.evidence(), fromYaml.evidence());
        assertEquals(fromJson.readback(), fromYaml.readback());
    }

    @Test
    void whenYamlEvidenceUsesAnAliasThenItIsRefusedAtItsLine() throws Exception {
        Path e = tmp.resolve("evidence.yaml");
        Files.writeString(e, "apiVersion: &v gatehouse/v1\nkind: *v\n");
        List<String> got = assertThrows(
                        InvalidInputException.class, () -> Inputs.read(e, EXAMPLE.resolve("readback.json"), null))
                .diagnostics()
                .stream()
                .map(Diagnostic::format)
                .toList();
        assertEquals(
                List.of(
                        e
                                + ":1:13: unsupported-yaml: anchor &v: anchors and aliases are not allowed in input documents;"
                                + " write the value out in full",
                        e + ":2:7: unsupported-yaml: alias *v: anchors and aliases are not allowed in"
                                + " input documents; write the value out in full"),
                got);
    }

    @Test
    void whenAJsonNamedFileHoldsYamlThenItIsASyntaxError() throws Exception {
        Path e = tmp.resolve("evidence.json");
        Files.writeString(e, "apiVersion: gatehouse/v1\n");
        List<String> got = assertThrows(
                        InvalidInputException.class, () -> Inputs.read(e, EXAMPLE.resolve("readback.json"), null))
                .diagnostics()
                .stream()
                .map(Diagnostic::format)
                .toList();
        assertEquals(1, got.size(), got.toString());
        assertEquals(true, got.get(0).startsWith(e + ":1:1: syntax-error: "), got.toString());
    }
}
