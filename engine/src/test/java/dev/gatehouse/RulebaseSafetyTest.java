package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.model.Diagnostic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 9.1, "a rulebase is policy, not a program": every hostile rulebase under
 * {@code rulebases/forbidden-*} (outside the safe subset) and {@code rulebases/structure-*} (copies of
 * {@code rules/} with security.drl deleted, a guard misspelt, a table row renamed) is refused when the
 * engine is built, with the exact diagnostics.
 */
class RulebaseSafetyTest {
    static final Path RULEBASES = RulebaseCompileTest.RULEBASES;
    static final String ONLY = ": a rule may only use the facts, the rulebase's functions and pure JDK methods";

    /** rulebase folder -> the exact diagnostics (file relative to the folder). */
    static final Map<String, List<String>> CASES = Map.ofEntries(
            Map.entry(
                    "forbidden-exit",
                    List.of("t.drl:12:12: forbidden-call: rule \"T-001 exits the JVM\" calls java.lang.System.exit"
                            + ONLY)),
            Map.entry(
                    "forbidden-runtime-halt",
                    List.of(
                            "t.drl:12:13: forbidden-call: rule \"T-001 halts the JVM\" calls java.lang.Runtime.getRuntime"
                                    + ONLY,
                            "t.drl:12:26: forbidden-call: rule \"T-001 halts the JVM\" calls java.lang.Runtime.halt"
                                    + ONLY)),
            Map.entry(
                    "forbidden-read-file",
                    List.of(
                            "t.drl:14:41: forbidden-call: rule \"T-001 reads /etc/passwd into the report\" calls java.nio.file.Files.readString"
                                    + ONLY,
                            "t.drl:14:57: forbidden-call: rule \"T-001 reads /etc/passwd into the report\" calls java.nio.file.Path.of"
                                    + ONLY)),
            Map.entry(
                    "forbidden-write-file",
                    List.of(
                            "t.drl:12:13: forbidden-call: rule \"T-001 writes a file\" calls new java.io.FileOutputStream"
                                    + ONLY,
                            "t.drl:13:9: forbidden-call: rule \"T-001 writes a file\" calls java.io.FileOutputStream.write"
                                    + ONLY,
                            "t.drl:14:9: forbidden-call: rule \"T-001 writes a file\" calls java.io.FileOutputStream.close"
                                    + ONLY)),
            Map.entry(
                    "forbidden-process",
                    List.of(
                            "t.drl:12:9: forbidden-call: rule \"T-001 starts a process\" calls new java.lang.ProcessBuilder"
                                    + ONLY,
                            "t.drl:12:60: forbidden-call: rule \"T-001 starts a process\" calls java.lang.ProcessBuilder.start"
                                    + ONLY)),
            Map.entry(
                    "forbidden-socket",
                    List.of(
                            "t.drl:13:5: forbidden-call: rule \"T-001 opens a socket\" calls new java.net.Socket"
                                    + ONLY,
                            "t.drl:14:7: forbidden-call: rule \"T-001 opens a socket\" calls java.net.Socket.getOutputStream"
                                    + ONLY,
                            "t.drl:14:25: forbidden-call: rule \"T-001 opens a socket\" calls java.io.OutputStream.write"
                                    + ONLY,
                            "t.drl:15:7: forbidden-call: rule \"T-001 opens a socket\" calls java.net.Socket.close"
                                    + ONLY)),
            Map.entry(
                    "forbidden-stdout",
                    List.of(
                            "t.drl:12:12: forbidden-call: rule \"T-001 forges the report\" reads java.lang.System.out"
                                    + ONLY,
                            "t.drl:12:16: forbidden-call: rule \"T-001 forges the report\" calls java.io.PrintStream.println"
                                    + ONLY)),
            Map.entry(
                    "forbidden-drools-halt",
                    List.of(
                            "t.drl:13:12: forbidden-call: rule \"T-001 stops the evaluation\" calls org.drools.model.Drools.halt"
                                    + ONLY)),
            Map.entry(
                    "forbidden-reflection",
                    List.of(
                            "t.drl:12:5: forbidden-call: rule \"T-001 exits through reflection\" uses java.lang.Class"
                                    + ONLY,
                            "t.drl:12:11: forbidden-call: rule \"T-001 exits through reflection\" calls java.lang.Class.forName"
                                    + ONLY,
                            "t.drl:12:39: forbidden-call: rule \"T-001 exits through reflection\" calls java.lang.Class.getMethod"
                                    + ONLY,
                            "t.drl:12:68: forbidden-call: rule \"T-001 exits through reflection\" calls java.lang.reflect.Method.invoke"
                                    + ONLY)),
            Map.entry(
                    "forbidden-qualified",
                    List.of(
                            "t.drl:12:22: forbidden-call: rule \"T-001 exits by its full name\" calls java.lang.System.exit"
                                    + ONLY)),
            Map.entry(
                    "forbidden-static-import",
                    List.of(
                            "t.drl:13:5: forbidden-call: rule \"T-001 exits through a static import\" calls java.lang.System.exit"
                                    + ONLY)),
            Map.entry(
                    "forbidden-eval",
                    List.of(
                            "t.drl:11:17: forbidden-call: rule \"T-001 reads the environment in eval\" calls java.lang.System.getenv"
                                    + ONLY)),
            Map.entry(
                    "forbidden-constraint",
                    List.of(
                            "t.drl:10:36: forbidden-call: rule \"T-001 reads a property in a constraint\" calls java.lang.System.getProperty"
                                    + ONLY)),
            Map.entry(
                    "forbidden-function",
                    List.of("t.drl:6:12: forbidden-call: function leave calls java.lang.System.exit" + ONLY)),
            Map.entry(
                    "forbidden-mvel",
                    List.of(
                            "t.drl:13:12: forbidden-call: rule \"T-001 exits in the mvel dialect\" calls java.lang.System.exit"
                                    + ONLY)),
            Map.entry(
                    "forbidden-package",
                    List.of(
                            "t.drl:1:9: forbidden-call: package org.drools.project.model belongs to the JDK, Drools or Gatehouse: a rulebase"
                                    + " declares a package of its own (such as gatehouse.rules)")),
            Map.entry(
                    "forbidden-catch",
                    List.of("t.drl:14:14: forbidden-call: rule \"T-001 swallows the stop\" catches java.lang.Throwable"
                            + ONLY)),
            Map.entry(
                    "forbidden-synchronized",
                    List.of("t.drl:12:5: forbidden-call: rule \"T-001 locks the shared settings\" uses synchronized"
                            + ONLY)),
            Map.entry(
                    "structure-no-security",
                    List.of(
                            "enforcement.csv:12:1: control-without-rule: control SEC-001 has no rule: no rule says @control(\"SEC-001\"), so it can never be violated",
                            "enforcement.csv:13:1: control-without-rule: control SEC-002 has no rule: no rule says @control(\"SEC-002\"), so it can never be violated",
                            "enforcement.csv:14:1: control-without-rule: control SEC-003 has no rule: no rule says @control(\"SEC-003\"), so it can never be violated",
                            "enforcement.csv:15:1: control-without-rule: control SEC-004 has no rule: no rule says @control(\"SEC-004\"), so it can never be violated")),
            Map.entry(
                    "structure-misspelt-guard",
                    List.of(
                            "security.drl:25:22: guard-mismatch: rule \"SEC-002 high finding with fix\" is @control(\"SEC-002\") but its guard is"
                                    + " Enforcement(control == \"SEC-02\"): the violation would carry the wrong control's enforcement")),
            Map.entry(
                    "structure-renamed-row",
                    List.of(
                            "enforcement.csv:13:1: control-without-rule: control SEC-02 has no rule: no rule says @control(\"SEC-02\"), so it can never be violated",
                            "security.drl:21:1: unknown-control: rule \"SEC-002 high finding with fix\" implements SEC-002, which is not in enforcement.csv:"
                                    + " add a row for it (its level in every environment)")),
            Map.entry(
                    "forbidden-clock",
                    List.of("t.drl:12:45: forbidden-call: rule \"T-001 reads the clock\" calls java.time.Instant.now"
                            + ONLY)));

    @TestFactory
    Stream<DynamicTest> everyHostileRulebaseIsRefusedAtBuildWithExactDiagnostics() {
        return CASES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(c -> DynamicTest.dynamicTest(c.getKey(), () -> {
                    Path dir = RULEBASES.resolve(c.getKey());
                    List<String> got = assertThrows(
                                    RulebaseException.class,
                                    () -> PolicyEngine.builder().rules(dir).build())
                            .diagnostics()
                            .stream()
                            .map(Diagnostic::format)
                            .map(s -> s.replace(dir + "/", ""))
                            .toList();
                    assertEquals(c.getValue(), got);
                }));
    }

    /** Each structure-* folder is rules/ with exactly one mutation: when rules/ changes, copy it again and re-apply it. */
    static final Map<String, java.util.function.UnaryOperator<Map<String, String>>> MUTATIONS = Map.of(
            "structure-no-security",
                    files -> {
                        files.remove("security.drl");
                        return files;
                    },
            "structure-misspelt-guard",
                    files -> {
                        files.put(
                                "security.drl",
                                files.get("security.drl")
                                        .replace(
                                                "Enforcement(control == \"SEC-002\")",
                                                "Enforcement(control == \"SEC-02\")"));
                        return files;
                    },
            "structure-renamed-row",
                    files -> {
                        files.put(
                                "enforcement.csv",
                                files.get("enforcement.csv").replaceFirst("(?m)^SEC-002,", "SEC-02,"));
                        return files;
                    });

    @TestFactory
    Stream<DynamicTest> everyStructureRulebaseIsTheRulesFolderWithOneMutation() {
        return MUTATIONS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(m -> DynamicTest.dynamicTest(m.getKey(), () -> {
                    Map<String, String> expected =
                            m.getValue().apply(files(TestPaths.root().resolve("rules")));
                    assertEquals(
                            expected,
                            files(RULEBASES.resolve(m.getKey())),
                            m.getKey() + " is stale: copy rules/ to it again and"
                                    + " re-apply its mutation (see MUTATIONS)");
                }));
    }

    private static Map<String, String> files(Path dir) throws java.io.IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> s = java.nio.file.Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                out.put(p.getFileName().toString(), java.nio.file.Files.readString(p));
            }
        }
        return out;
    }

    @Test
    void theDefaultRulebaseCompiledAtRunTimeIsInsideTheSafeSubset() {
        PolicyEngine engine = SharedEngine.rules();
        assertTrue(!engine.precompiled());
    }

    @Test
    void aRuleThatNeverEndsIsStoppedAtTheTimeoutAndTheEngineStaysUsable() throws Exception {
        PolicyEngine engine = PolicyEngine.builder()
                .rules(RULEBASES.resolve("runaway"))
                .evaluationTimeout(Duration.ofMillis(300))
                .build();
        EvaluationInput input = Inputs.read(
                TestPaths.root().resolve("fixtures/worked-example/evidence.json"),
                TestPaths.root().resolve("fixtures/worked-example/readback.json"),
                null);
        Instant at = Instant.parse("2026-11-28T12:00:00Z");
        long start = System.nanoTime();
        EvaluationException e = assertThrows(EvaluationException.class, () -> engine.evaluate(input, at));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(
                "the evaluation took longer than its limit of 0.3 s: a rule, condition or function is probably looping"
                        + " or too slow",
                e.getMessage());
        assertTrue(ms < 300 + 2_000, "took " + ms + " ms");
        // Again: the stuck session was abandoned, not reused, and a new worker serves the next evaluation.
        assertThrows(EvaluationException.class, () -> engine.evaluate(input, at));
    }

    @Test
    void theTimeoutIsABuilderOptionThatFailsFast() {
        assertThrows(
                IllegalArgumentException.class, () -> PolicyEngine.builder().evaluationTimeout(Duration.ZERO));
        PolicyEngine.Builder b = PolicyEngine.builder().evaluationTimeout(Duration.ofSeconds(1));
        assertThrows(IllegalStateException.class, () -> b.evaluationTimeout(Duration.ofSeconds(2)));
        assertEquals(Duration.ofSeconds(10), PolicyEngine.DEFAULT_EVALUATION_TIMEOUT);
    }
}
