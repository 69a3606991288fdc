package dev.gatehouse.bench;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.model.PromotionDecision;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm evaluation of the default policy (precompiled rulebase, trace always on), end to end from
 * bytes, and the plain-Java baseline over the same inputs. Sample mode: p50 and p99 per call.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 3,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class EvaluateBench {
    PolicyEngine engine;
    PlainJavaGate baseline;
    BenchInputs.Bytes workedBytes;
    BenchInputs.Bytes deniedBytes;
    EvaluationInput worked;
    EvaluationInput denied;

    @Setup
    public void setup() {
        engine = PolicyEngine.builder().build();
        if (!engine.precompiled()) {
            throw new IllegalStateException("the precompiled default rulebase is not on the class path");
        }
        baseline = BenchInputs.baseline();
        workedBytes = BenchInputs.workedExample();
        deniedBytes = BenchInputs.denied();
        worked = workedBytes.parse();
        denied = deniedBytes.parse();
    }

    /** The worked example: eligible, one waiver, ring 2. */
    @Benchmark
    public PromotionDecision evaluateWorkedExample() {
        return engine.evaluate(worked, BenchInputs.AT);
    }

    /** A denied variant: hard violations of SEC-001, APR-002, CI-001, EVD-004. */
    @Benchmark
    public PromotionDecision evaluateDenied() {
        return engine.evaluate(denied, BenchInputs.AT);
    }

    /** From the documents' bytes: parse, validate (schema and Bean Validation), evaluate, write the JSON report. */
    @Benchmark
    public byte[] e2eWorkedExample() {
        return Json.pretty(engine.evaluate(workedBytes.parse(), BenchInputs.AT)).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] e2eDenied() {
        return Json.pretty(engine.evaluate(deniedBytes.parse(), BenchInputs.AT)).getBytes(StandardCharsets.UTF_8);
    }

    /** BASELINE: the same checks in plain Java on the same parsed input (no trace, no digest). */
    @Benchmark
    public PlainJavaGate.Result baselineWorkedExample() {
        return baseline.decide(worked, BenchInputs.AT);
    }

    @Benchmark
    public PlainJavaGate.Result baselineDenied() {
        return baseline.decide(denied, BenchInputs.AT);
    }
}
