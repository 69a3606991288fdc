package dev.gatehouse.precompiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.cases.CaseLoader;
import dev.gatehouse.cases.GoldenCase;
import dev.gatehouse.internal.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The precompiled default rulebase (executable model, built by this module) decides every golden
 * case exactly as the run-time compilation of rules/ does: the full decision JSON, trace included.
 */
class PrecompiledRulebaseTest {
    private static final Path ROOT =
            Path.of(System.getProperty("gatehouse.root", "..")).toAbsolutePath().normalize();
    private static final PolicyEngine PRECOMPILED = PolicyEngine.builder().build();
    private static final PolicyEngine RUNTIME = compiledAtRunTime(ROOT.resolve("rules"));

    /** The engine of a rules folder, compiled now even when its DRL was precompiled. */
    static PolicyEngine compiledAtRunTime(Path rules) {
        return PolicyEngine.builder().rules(rules).usePrecompiled(false).build();
    }

    @Test
    void theDefaultEngineLoadsThePrecompiledRulebase() {
        assertTrue(PRECOMPILED.precompiled(), "the default engine compiled rules/ at run time");
        assertFalse(RUNTIME.precompiled());
    }

    @Test
    void thePrecompiledRulebaseHasTheDigestRulesAndControlsOfRules() {
        assertEquals(RUNTIME.rulebaseDigest(), PRECOMPILED.rulebaseDigest());
        assertEquals(RUNTIME.ruleMetadata(), PRECOMPILED.ruleMetadata());
        assertEquals(RUNTIME.controls(), PRECOMPILED.controls());
    }

    @Test
    void theBuilderCanForceRunTimeCompilationOfTheDefault() {
        PolicyEngine e = PolicyEngine.builder().usePrecompiled(false).build();
        assertFalse(e.precompiled());
        assertEquals(PRECOMPILED.rulebaseDigest(), e.rulebaseDigest());
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenCaseGetsTheSameDecisionBothWays() throws IOException {
        CaseLoader.Loaded loaded = CaseLoader.load(ROOT.resolve("fixtures"));
        assertEquals(List.of(), loaded.diagnostics());
        List<GoldenCase> decided = loaded.cases().stream()
                .filter(c -> !c.expect().expectsInvalid())
                .toList();
        assertFalse(decided.isEmpty(), "no golden case with a decision under " + ROOT.resolve("fixtures"));
        return decided.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    EvaluationInput input;
                    try {
                        input = c.input();
                    } catch (InvalidInputException e) {
                        throw new AssertionError(c.name() + ": the input is invalid: " + e.diagnostics(), e);
                    }
                    String runtime = Json.pretty(RUNTIME.evaluate(input, c.at()));
                    String precompiled = Json.pretty(PRECOMPILED.evaluate(input, c.at()));
                    assertEquals(runtime, precompiled, c.name() + ": the precompiled rulebase decides differently");
                }));
    }
}
