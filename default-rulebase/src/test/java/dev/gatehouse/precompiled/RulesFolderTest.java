package dev.gatehouse.precompiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.RulebaseException;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.RuleMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rules folder next to the precompiled model (what the command sees when someone edits rules/ after the
 * build): the model serves exactly the DRL it was compiled from; any other DRL is compiled at run time, with
 * file:line:col diagnostics when it does not compile. No rebuild is ever needed for an edit to count.
 */
class RulesFolderTest {
    private static final Path ROOT =
            Path.of(System.getProperty("gatehouse.root", "..")).toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("fixtures/worked-example");
    private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    private static Path copyOfRules(Path tmp) throws IOException {
        Path copy = Files.createDirectories(tmp.resolve("rules"));
        try (Stream<Path> files = Files.list(ROOT.resolve("rules"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String decide(PolicyEngine engine) throws IOException {
        EvaluationInput input = Inputs.read(
                EXAMPLE.resolve("evidence.json"), EXAMPLE.resolve("readback.json"), EXAMPLE.resolve("exceptions"));
        return Json.pretty(engine.evaluate(input, AT));
    }

    @Test
    void whenTheFolderHasThePrecompiledDrlThenTheModelIsUsedWithTheFoldersTablesAndDigest(@TempDir Path tmp)
            throws IOException {
        Path rules = copyOfRules(tmp);
        PolicyEngine folder = PolicyEngine.builder().rules(rules).build();
        assertTrue(folder.precompiled(), "the unchanged rules were compiled again");
        assertEquals(PolicyEngine.builder().build().rulebaseDigest(), folder.rulebaseDigest());
        assertEquals(decide(PrecompiledRulebaseTest.compiledAtRunTime(rules)), decide(folder));
    }

    @Test
    void whenOnlyATableChangedThenTheModelIsStillUsedAndTheNewTableCounts(@TempDir Path tmp) throws IOException {
        Path rules = copyOfRules(tmp);
        String table = Files.readString(rules.resolve("enforcement.csv"));
        Files.writeString(
                rules.resolve("enforcement.csv"),
                table.replaceFirst("(?m)^SEC-002,.*$", "SEC-002,advisory,advisory,soft,soft,hard"));
        PolicyEngine folder = PolicyEngine.builder().rules(rules).build();
        assertTrue(folder.precompiled());
        String decision = decide(folder);
        assertTrue(decision.contains("\"eligible\": false"), decision);
        assertEquals(decide(PrecompiledRulebaseTest.compiledAtRunTime(rules)), decision);
    }

    /**
     * The structure check is skipped only for a folder that is the bundled default byte for byte: a folder with the
     * precompiled DRL and a table that no longer names a rule's control is still refused.
     */
    @Test
    void whenOnlyATableBreaksTheStructureThenTheFolderIsStillRefused(@TempDir Path tmp) throws IOException {
        Path rules = copyOfRules(tmp);
        Path table = rules.resolve("enforcement.csv");
        Files.writeString(table, Files.readString(table).replace("SEC-002,", "SEC-02,"), StandardCharsets.UTF_8);
        RulebaseException e = assertThrows(
                RulebaseException.class,
                () -> PolicyEngine.builder().rules(rules).build());
        assertTrue(e.getMessage().contains("control-without-rule: control SEC-02 has no rule"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown-control: rule \"SEC-002 high finding with fix\""), e.getMessage());
    }

    @Test
    void whenARuleWasEditedThenItIsCompiledAtRunTimeAndTheEditCounts(@TempDir Path tmp) throws IOException {
        Path rules = copyOfRules(tmp);
        Path security = rules.resolve("security.drl");
        String before = Files.readString(security);
        Files.writeString(security, before.replace("\" has a fix available\"", "\" has a fix available (edited)\""));
        assertFalse(before.equals(Files.readString(security)), "the edit did not apply");
        PolicyEngine folder = PolicyEngine.builder().rules(rules).build();
        assertFalse(folder.precompiled(), "an edited rule ran from the model compiled before the edit");
        String decision = decide(folder);
        assertTrue(decision.contains("has a fix available (edited)"), decision);
    }

    @Test
    void whenARuleDoesNotCompileThenTheErrorIsADiagnosticAtItsLine(@TempDir Path tmp) throws IOException {
        Path rules = copyOfRules(tmp);
        Path ci = rules.resolve("ci.drl");
        int line = Files.readAllLines(ci).size() + 2;
        append(ci, "\nrule \"CI-001 broken\"\n    @control(\"CI-001\")\nwhen\n    $x : NoSuchFact()\nthen\nend\n");
        RulebaseException e = assertThrows(
                RulebaseException.class,
                () -> PolicyEngine.builder().rules(rules).build());
        List<String> lines = e.diagnostics().stream().map(Diagnostic::format).toList();
        assertFalse(lines.isEmpty());
        for (Diagnostic d : e.diagnostics()) {
            assertEquals("unknown-fact-type", d.code(), lines.toString()); // a misspelt or unknown fact type: our code
            assertEquals(rules + "/ci.drl", d.file(), lines.toString());
            assertTrue(d.line() >= line, lines.toString());
        }
        assertTrue(
                lines.get(0)
                        .startsWith(rules + "/ci.drl:" + e.diagnostics().get(0).line() + ":"),
                lines.toString());
        assertTrue(lines.toString().contains("NoSuchFact"), lines.toString());
    }

    @Test
    void whenARuleFileWasRemovedThenItsRulesAreGone(@TempDir Path tmp) throws IOException {
        Path rules = copyOfRules(tmp);
        Files.delete(rules.resolve("ci.drl"));
        // The control retires with its rules: a table row without a rule is refused (control-without-rule).
        Path table = rules.resolve("enforcement.csv");
        Files.write(
                table,
                Files.readAllLines(table).stream()
                        .filter(l -> !l.startsWith("CI-001,"))
                        .toList());
        PolicyEngine folder = PolicyEngine.builder().rules(rules).build();
        assertFalse(folder.precompiled(), "the model compiled with ci.drl was used without it");
        assertTrue(folder.ruleMetadata().stream().map(RuleMetadata::name).noneMatch(n -> n.startsWith("CI-001")));
    }

    @Test
    void whenARuleFileWasAddedThenItIsCompiledAtRunTime(@TempDir Path tmp) throws IOException {
        Path rules = copyOfRules(tmp);
        Files.writeString(
                rules.resolve("extra.drl"),
                "package gatehouse.rules;\n\nimport dev.gatehouse.facts.*;\n\n"
                        + "rule \"EXTRA note\"\n    @family(\"EXC\")\n    @description(\"a note\")\nwhen\n    Release()\nthen\nend\n");
        PolicyEngine folder = PolicyEngine.builder().rules(rules).build();
        assertFalse(folder.precompiled());
        assertTrue(folder.ruleMetadata().stream().anyMatch(r -> r.name().equals("EXTRA note")));
    }

    @Test
    void whenRulesDoNotCompileForTheExecutableModelThenTheBuildStepStagesNothingAndSucceeds(@TempDir Path tmp)
            throws IOException {
        // This module's class path has the executable model compiler: the step uses it, as the build does.
        Path rules = copyOfRules(tmp);
        append(rules.resolve("ci.drl"), "\nrule \"broken\" when $x : NoSuchFact() then end\n");
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        boolean staged = dev.gatehouse.internal.rulebase.Precompile.run(
                rules,
                tmp.resolve("kjar"),
                tmp.resolve("classes"),
                new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        assertFalse(staged, log.toString());
        assertTrue(log.toString().contains("NoSuchFact"), log.toString());
        assertFalse(Files.exists(tmp.resolve("kjar/gatehouse/rules")));

        Files.copy(
                ROOT.resolve("rules/ci.drl"),
                rules.resolve("ci.drl"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(
                dev.gatehouse.internal.rulebase.Precompile.run(
                        rules,
                        tmp.resolve("kjar"),
                        tmp.resolve("classes"),
                        new java.io.PrintStream(log, true, StandardCharsets.UTF_8)),
                log.toString());
    }
}
