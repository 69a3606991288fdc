package dev.gatehouse.bench;

import dev.gatehouse.PolicyEngine;
import java.nio.file.Path;
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

/** Building the engine in a warm JVM: the precompiled default, and rules/ compiled from DRL at run time. */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 3, time = 5)
@State(Scope.Benchmark)
public class RulebaseBench {
    Path rules;

    @Setup
    public void setup() {
        rules = BenchInputs.root().resolve("rules");
    }

    @Benchmark
    public PolicyEngine buildPrecompiledDefault() {
        return PolicyEngine.builder().build();
    }

    @Benchmark
    public PolicyEngine compileRulesAtRunTime() {
        return PolicyEngine.builder().rules(rules).build();
    }
}
