package dev.gatehouse.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.model.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A golden case that expects a control the rulebase does not have is a bad case, named at its pointer. */
class UnknownControlsTest {
    @Test
    void whenACaseExpectsAnUnknownControlThenItIsADiagnosticAtThePointer(@TempDir Path fixtures) throws Exception {
        Path dir = Files.createDirectories(fixtures.resolve("a-case"));
        Files.writeString(dir.resolve("evidence.json"), "{}");
        Files.writeString(dir.resolve("readback.json"), "{}");
        Files.writeString(
                dir.resolve("case.yaml"),
                String.join(
                        "\n",
                        "at: \"2026-11-28T12:00:00Z\"",
                        "expect:",
                        "  eligible: false",
                        "  violations:",
                        "    - {control: TST-001}",
                        "    - {control: TST-01, subject: x}",
                        "  waived:",
                        "    - {control: TST-9, subject: y, exception: EXC-1}",
                        "  advisories:",
                        "    - {control: TST-002}",
                        ""));
        CaseLoader.Loaded loaded = CaseLoader.load(fixtures);
        assertEquals(List.of(), loaded.diagnostics());
        String file = dir.resolve("case.yaml").toString();
        assertEquals(
                List.of(
                        file
                                + ": /expect/violations/1/control: control TST-01 is not in the rulebase's enforcement table"
                                + " (did you mean TST-001?): the case could never pass",
                        file
                                + ": /expect/waived/0/control: control TST-9 is not in the rulebase's enforcement table: the case"
                                + " could never pass"),
                CaseLoader.unknownControls(loaded.cases(), Set.of("TST-001", "TST-002")).stream()
                        .map(Diagnostic::format)
                        .toList());
    }
}
