package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.cases.CaseLoader;
import dev.gatehouse.cases.GoldenCase;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.model.PromotionDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Runaway rules stop, failures are clear, one engine serves many threads, output is deterministic. */
class EvaluationSafetyTest {
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    static EvaluationInput example() {
        return TestPaths.workedExample();
    }

    @Test
    void whenARuleLoopsThenTheFiringCapStopsItWithAClearError() {
        PolicyEngine engine = PolicyEngine.builder()
                .rules(RulebaseCompileTest.RULEBASES.resolve("looping"))
                .maxRuleFirings(5_000)
                .build();
        EvaluationException e = assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> assertThrows(EvaluationException.class, () -> engine.evaluate(example(), AT)));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "stopped after 5000 rule firings: a rule is probably looping (\"loop forever\" fired 500"),
                e.getMessage());
    }

    @Test
    void whenARuleThrowsThenTheErrorNamesTheRule() {
        PolicyEngine engine = PolicyEngine.builder()
                .rules(RulebaseCompileTest.RULEBASES.resolve("throwing"))
                .build();
        EvaluationException e = assertThrows(EvaluationException.class, () -> engine.evaluate(example(), AT));
        assertEquals(
                "rule \"T-001 reads an unknown setting\" failed: unknown setting 'no.such.setting': add it to the "
                        + "settings table",
                e.getMessage());
    }

    @Test
    void whenEvaluatedTwiceWithTwoEnginesThenJsonIsByteIdentical() {
        EvaluationInput input = example();
        String a = Json.pretty(SharedEngine.rules().evaluate(input, AT));
        String b = Json.pretty(PolicyEngine.builder().build().evaluate(example(), AT));
        assertEquals(a, b);
        assertTrue(a.contains("\"evaluatedAt\": \"2026-11-28T12:00:00Z\""), a);
    }

    @Test
    void whenOneEngineIsSharedByFourThreadsThenEveryDecisionIsTheSingleThreadedOne() throws Exception {
        PolicyEngine engine = SharedEngine.rules();
        List<GoldenCase> cases = CaseLoader.load(TestPaths.fixtures()).cases().stream()
                .filter(c -> !c.expect().expectsInvalid())
                .toList();
        List<EvaluationInput> inputs = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (GoldenCase c : cases) {
            EvaluationInput in = c.input();
            inputs.add(in);
            expected.add(Json.pretty(engine.evaluate(in, c.at())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 150; i++) {
                        int k = (i + offset) % inputs.size();
                        PromotionDecision d =
                                engine.evaluate(inputs.get(k), cases.get(k).at());
                        if (!Json.pretty(d).equals(expected.get(k))) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            int wrong = 0;
            for (Future<Integer> f : futures) {
                wrong += f.get();
            }
            assertEquals(0, wrong, "decisions that differed from the single-threaded run");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenTheEvaluationTimeChangesOnlyThroughTheInputThenRulesNeverReadTheClock() {
        EvaluationInput input = example();
        PolicyEngine engine = PolicyEngine.builder().build();
        PromotionDecision later = engine.evaluate(input, Instant.parse("2026-12-20T12:00:00Z"));
        assertEquals("2026-12-20T12:00:00Z", later.provenance().evaluatedAt());
        assertEquals(
                List.of("EXC-2026-031"),
                later.exceptions().stream()
                        .map(PromotionDecision.ExceptionOutcome::id)
                        .toList());
        assertEquals("expired", later.exceptions().get(0).status());
    }
}
