package dev.gatehouse.bench;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.facts.FactBuilder;
import dev.gatehouse.internal.decide.Decider;
import dev.gatehouse.internal.evaluate.Evaluation;
import dev.gatehouse.internal.evaluate.Evaluator;
import dev.gatehouse.internal.explain.Explainer;
import dev.gatehouse.internal.rulebase.CompiledRulebase;
import dev.gatehouse.model.PromotionDecision;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a warm evaluation's time goes, stage by stage: the wall time per call (median and fastest
 * of {@code rounds} rounds of {@code n} calls, after a warm-up) and the bytes the calling thread
 * allocated per call. The stages are the engine's own internal calls, so their sum should be close
 * to the whole; {@code run} includes the hand-off to the engine's worker thread, whose allocation
 * the calling thread does not see (JMH's gc profiler counts every thread). Not a JMH benchmark: a
 * breakdown to decide what to work on, next to {@code bench/run}'s numbers.
 * {@code java -cp 'bench/target/classes:bench/target/lib/*' dev.gatehouse.bench.EvalCost [n] [rounds] [call...]}
 */
public final class EvalCost {
    private EvalCost() {}

    public static void main(String[] args) throws ReflectiveOperationException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        String rules = System.getProperty("rules"); // a rules folder to compile instead of the precompiled default
        PolicyEngine engine = rules == null
                ? PolicyEngine.builder().build()
                : PolicyEngine.builder().rules(java.nio.file.Path.of(rules)).build();
        Evaluator evaluator = field(engine, "evaluator", Evaluator.class);
        CompiledRulebase rulebase = field(engine, "rulebase", CompiledRulebase.class);
        // -Dfindings=N or -Dapprovals=N: the worked example with N findings or approvals (ScaleBench's inputs).
        BenchInputs.Bytes chosen = Integer.getInteger("findings") != null
                ? BenchInputs.manyFindings(Integer.getInteger("findings"))
                : Integer.getInteger("approvals") != null
                        ? BenchInputs.manyApprovals(Integer.getInteger("approvals"))
                        : BenchInputs.workedExample();
        EvaluationInput input = chosen.parse();
        EvaluationInput values = BenchInputs.workedExample().values();
        List<Object> facts = FactBuilder.facts(input.evidence(), input.readback(), input.exceptions(), BenchInputs.AT);
        Evaluation evaluation =
                evaluator.run(facts, input.evidence().promotion().to());
        PromotionDecision.Provenance provenance = new PromotionDecision.Provenance(
                PolicyEngine.version(), rulebase.digest(), PolicyEngine.inputDigest(input), BenchInputs.AT.toString());
        List<PromotionDecision.TraceEntry> trace = Explainer.trace(evaluation.firings(), rulebase.rules());

        Map<String, Integer> counts = new java.util.TreeMap<>();
        evaluation.facts().forEach(f -> counts.merge(f.getClass().getSimpleName(), 1, Integer::sum));
        System.out.println("facts inserted: " + facts.size() + ", in the session after firing: "
                + evaluation.facts().size() + " " + counts + ", firings: "
                + evaluation.firings().size());
        Map<String, Supplier<Object>> calls = new LinkedHashMap<>();
        calls.put("evaluate", () -> engine.evaluate(input, BenchInputs.AT));
        calls.put(
                "facts",
                () -> FactBuilder.facts(input.evidence(), input.readback(), input.exceptions(), BenchInputs.AT));
        calls.put("run", () -> evaluator.run(facts, input.evidence().promotion().to()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        calls.put("handOff", () -> {
            try {
                return pool.submit(() -> facts).get();
            } catch (InterruptedException | java.util.concurrent.ExecutionException x) {
                throw new IllegalStateException(x);
            }
        });
        calls.put("trace", () -> Explainer.trace(evaluation.firings(), rulebase.rules()));
        calls.put("decide", () -> Decider.decide(input.evidence(), evaluation, trace, provenance));
        calls.put("digestOfDocuments", () -> PolicyEngine.inputDigest(input));
        calls.put("digestOfValues", () -> PolicyEngine.inputDigest(values));
        BenchInputs.Bytes documents = BenchInputs.workedExample();
        calls.put("read", documents::parse);
        PromotionDecision decision = engine.evaluate(input, BenchInputs.AT);
        calls.put(
                "report",
                () -> dev.gatehouse.internal.json.Json.pretty(decision)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        calls.put(
                "e2e",
                () -> dev.gatehouse.internal.json.Json.pretty(engine.evaluate(documents.parse(), BenchInputs.AT))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        if (args.length > 2) {
            calls.keySet().retainAll(List.of(args).subList(2, args.length));
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 3 * n; i++) {
            for (Supplier<Object> call : calls.values()) {
                sink += System.identityHashCode(call.get());
            }
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Supplier<Object>> e : calls.entrySet()) {
            double[] wall = new double[rounds];
            long bytes = 0;
            for (int r = 0; r < rounds; r++) {
                long a0 = mx.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    sink += System.identityHashCode(e.getValue().get());
                }
                wall[r] = (System.nanoTime() - t0) / 1e3 / n;
                bytes = (mx.getCurrentThreadAllocatedBytes() - a0) / n;
            }
            Arrays.sort(wall);
            lines.add(String.format(
                    Locale.ROOT,
                    "%-18s wall median %7.1f us  min %7.1f us  alloc (this thread) %7d B/call",
                    e.getKey(),
                    wall[rounds / 2],
                    wall[0],
                    bytes));
        }
        lines.forEach(System.out::println);
        if (sink == 42) {
            System.out.println();
        }
    }

    private static <T> T field(Object owner, String name, Class<T> type) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return type.cast(f.get(owner));
    }
}
