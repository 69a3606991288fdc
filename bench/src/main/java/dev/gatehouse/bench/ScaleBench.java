package dev.gatehouse.bench;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.model.PromotionDecision;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Cost against input size: n findings, n approvals. Linear means 10x n costs about 10x time. */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class ScaleBench {
    @Param({"100", "1000", "10000"})
    public int n;

    PolicyEngine engine;
    PlainJavaGate baseline;
    EvaluationInput findings;
    EvaluationInput approvals;

    @Setup
    public void setup() {
        engine = PolicyEngine.builder().build();
        baseline = BenchInputs.baseline();
        findings = BenchInputs.manyFindings(n).parse();
        approvals = BenchInputs.manyApprovals(n).parse();
    }

    @Benchmark
    public PromotionDecision evaluateFindings() {
        return engine.evaluate(findings, BenchInputs.AT);
    }

    @Benchmark
    public PromotionDecision evaluateApprovals() {
        return engine.evaluate(approvals, BenchInputs.AT);
    }

    @Benchmark
    public PlainJavaGate.Result baselineFindings() {
        return baseline.decide(findings, BenchInputs.AT);
    }

    @Benchmark
    public PlainJavaGate.Result baselineApprovals() {
        return baseline.decide(approvals, BenchInputs.AT);
    }
}
