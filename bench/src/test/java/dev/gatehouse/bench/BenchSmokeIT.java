package dev.gatehouse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.model.PromotionDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The benchmarks compile and run (one very short iteration each; no timing is asserted), and the baseline is honest. */
class BenchSmokeIT {
    private static final PolicyEngine ENGINE = PolicyEngine.builder().build();
    private static final PlainJavaGate BASELINE = BenchInputs.baseline();

    @TestFactory
    Stream<DynamicTest> theBaselineDecidesLikeTheEngine() {
        Map<String, BenchInputs.Bytes> inputs = new TreeMap<>();
        inputs.put("worked example", BenchInputs.workedExample());
        inputs.put("denied", BenchInputs.denied());
        inputs.put("50 findings", BenchInputs.manyFindings(50));
        inputs.put("50 approvals", BenchInputs.manyApprovals(50));
        // Large inputs: a quadratic join in the rules ran out of memory at 10,000 approvals.
        inputs.put("10000 findings", BenchInputs.manyFindings(10_000));
        inputs.put("10000 approvals", BenchInputs.manyApprovals(10_000));
        inputs.put("one person approves as release manager and security", BenchInputs.onePersonApproves());
        inputs.put("evidence from the future", BenchInputs.fromTheFuture());
        return inputs.entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
                    EvaluationInput in = e.getValue().parse();
                    PromotionDecision d = ENGINE.evaluate(in, BenchInputs.AT);
                    PlainJavaGate.Result b = BASELINE.decide(in, BenchInputs.AT);
                    assertEquals(engineView(d), baselineView(b));
                }));
    }

    @Test
    void theDeniedInputIsDeniedAndTheWorkedExampleIsNot() {
        assertEquals(
                false,
                ENGINE.evaluate(BenchInputs.denied().parse(), BenchInputs.AT).eligible());
        assertEquals(
                true,
                ENGINE.evaluate(BenchInputs.workedExample().parse(), BenchInputs.AT)
                        .eligible());
    }

    @Test
    void evidenceFromTheFutureIsOneHardViolationPerFieldBeyondTheClockSkew() {
        PromotionDecision d = ENGINE.evaluate(BenchInputs.fromTheFuture().parse(), BenchInputs.AT);
        assertEquals(
                List.of(
                        "/approvals/1/at",
                        "/ci/finishedAt",
                        "/dataServices/0/lastBackupAt",
                        "/rollback/rehearsedAt",
                        "/rollout/history/1/enteredAt",
                        "/security/scannedAt",
                        "/verifications/0/completedAt"),
                d.violations().stream()
                        .filter(v ->
                                v.control().equals("EVD-005") && v.enforcement().equals("hard"))
                        .map(PromotionDecision.Violation::subject)
                        .sorted()
                        .toList());
    }

    @Test
    void everyBenchmarkRunsOnceAndTheSummaryLineReadsAsDocumented(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("result.json");
        Options opt = new OptionsBuilder()
                .include("dev\\.gatehouse\\.bench\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .param("n", "10")
                .addProfiler(org.openjdk.jmh.profile.GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .shouldFailOnError(true)
                .build();
        int runs = new Runner(opt).run().size();
        assertEquals(
                6 + 2 + 4 + 5 + 5,
                runs,
                "benchmarks run"); // EvaluateBench, RulebaseBench, ScaleBench, IdentityBench, InputBench
        assertTrue(Files.size(json) > 0);
        String line = Summary.line(Summary.read(json));
        assertTrue(
                line.matches(
                        "evaluate p50=[0-9.]+us p99=[0-9.]+us e2e p50=[0-9.]+us baseline p50=[0-9.]+us ratio=[0-9.]+x"),
                line);
        String alloc = Summary.allocLine(Summary.read(json));
        assertTrue(alloc.matches("alloc=[0-9]+\\.[0-9]KB read p50=[0-9]+\\.[0-9]us"), alloc);
        assertTrue(Summary.read(json).get("EvaluateBench.evaluateWorkedExample").allocBytes() > 1024, alloc);
    }

    private static Map<String, Object> engineView(PromotionDecision d) {
        Map<String, Object> m = new TreeMap<>();
        m.put("eligible", d.eligible());
        m.put("ring", d.ring() == null ? null : d.ring().allowed());
        Set<String> all = new TreeSet<>();
        List<PromotionDecision.Violation> vs = new ArrayList<>(d.violations());
        vs.addAll(d.waived());
        vs.addAll(d.advisories());
        vs.forEach(v -> all.add(v.control() + " " + v.enforcement() + " " + v.subject() + " " + v.evidence()));
        m.put("violations", all);
        Set<String> waived = new TreeSet<>();
        d.waived().forEach(v -> waived.add(v.control() + " " + v.subject() + " by " + v.exception()));
        m.put("waived", waived);
        Map<String, String> x = new TreeMap<>();
        d.exceptions().forEach(o -> x.put(o.id(), o.status()));
        m.put("exceptions", x);
        return m;
    }

    private static Map<String, Object> baselineView(PlainJavaGate.Result b) {
        Map<String, Object> m = new TreeMap<>();
        m.put("eligible", b.eligible());
        m.put("ring", b.ring());
        Set<String> all = new TreeSet<>();
        b.violations().forEach(v -> all.add(v.control() + " " + v.level() + " " + v.subject() + " " + v.evidence()));
        m.put("violations", all);
        Set<String> waived = new TreeSet<>();
        b.waived().forEach((v, id) -> waived.add(v.control() + " " + v.subject() + " by " + id));
        m.put("waived", waived);
        m.put("exceptions", new TreeMap<>(b.exceptions()));
        return m;
    }
}
