package dev.gatehouse.internal.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.TestPaths;
import dev.gatehouse.facts.FactBuilder;
import dev.gatehouse.internal.rulebase.CompiledRulebase;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two ways an evaluation runs (issue 15): on the caller's thread under the {@link Watchdog} (where threads can be
 * stopped, Java 19 and earlier: the default here) and on a worker thread (Java 20 and later). Both conclude the same,
 * and both hold a rule that never ends to the time limit and stay usable, the caller's thread too.
 */
class EvaluatorModesTest {
    private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    private static CompiledRulebase rulebase(PolicyEngine engine) throws ReflectiveOperationException {
        Field f = PolicyEngine.class.getDeclaredField("rulebase");
        f.setAccessible(true);
        return (CompiledRulebase) f.get(engine);
    }

    private static List<Object> facts(EvaluationInput in) {
        return FactBuilder.facts(in.evidence(), in.readback(), in.exceptions(), AT);
    }

    @Test
    void thisJvmRunsEvaluationsOnTheCallersThread() {
        assertTrue(Evaluator.THREADS_CAN_BE_STOPPED, "the build's JDK 17 can stop threads");
    }

    @Test
    void bothWaysConcludeTheSameFactsAndFirings() throws Exception {
        CompiledRulebase rulebase = rulebase(PolicyEngine.builder().build());
        EvaluationInput in = TestPaths.workedExample();
        Evaluation here = new Evaluator(rulebase, 10_000, Duration.ofSeconds(10), true)
                .run(facts(in), in.evidence().promotion().to());
        Evaluation worker = new Evaluator(rulebase, 10_000, Duration.ofSeconds(10), false)
                .run(facts(in), in.evidence().promotion().to());
        assertEquals(names(here.facts()), names(worker.facts()));
        assertEquals(
                here.firings().stream().map(Firing::rule).sorted().toList(),
                worker.firings().stream().map(Firing::rule).sorted().toList());
    }

    private static List<String> names(List<Object> facts) {
        return facts.stream().map(Object::toString).sorted().toList();
    }

    @ParameterizedTest(name = "on the caller''s thread: {0}")
    @ValueSource(booleans = {true, false})
    void aRuleThatNeverEndsIsStoppedAtItsLimitAndTheThreadsStayUsable(boolean onCallerThread) throws Exception {
        CompiledRulebase runaway = rulebase(PolicyEngine.builder()
                .rules(TestPaths.root().resolve("engine/src/test/resources/rulebases/runaway"))
                .build());
        CompiledRulebase normal = rulebase(PolicyEngine.builder().build());
        Evaluator stuck = new Evaluator(runaway, 10_000, Duration.ofMillis(100), onCallerThread);
        Evaluator fine = new Evaluator(normal, 10_000, Duration.ofSeconds(10), onCallerThread);
        EvaluationInput in = TestPaths.workedExample();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            EvaluationFailure e = assertThrows(
                    EvaluationFailure.class,
                    () -> stuck.run(facts(in), in.evidence().promotion().to()));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(
                    "the evaluation took longer than its limit of 0.1 s: a rule, condition or function is probably"
                            + " looping or too slow",
                    e.getMessage(),
                    "round " + i);
            assertTrue(ms < 100 + Evaluator.GRACE.toMillis() + 1_500, "took " + ms + " ms");
            assertFalse(Thread.currentThread().isInterrupted(), "the caller's thread was left interrupted");
            // The thread that was stopped (the caller's own, on the caller's thread) evaluates normally afterwards.
            assertFalse(
                    fine.run(facts(in), in.evidence().promotion().to()).facts().isEmpty());
        }
    }

    @Test
    void anInterruptedCallerGetsAFailureAndKeepsItsInterrupt() throws Exception {
        Evaluator here = new Evaluator(rulebase(PolicyEngine.builder().build()), 10_000, Duration.ofSeconds(10), true);
        EvaluationInput in = TestPaths.workedExample();
        Thread.currentThread().interrupt();
        try {
            EvaluationFailure e = assertThrows(
                    EvaluationFailure.class,
                    () -> here.run(facts(in), in.evidence().promotion().to()));
            assertEquals("interrupted while the rules were evaluating", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
