package dev.gatehouse.bench;

import com.ibm.icu.text.SpoofChecker;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.facts.Persons;
import dev.gatehouse.model.Identities;
import dev.gatehouse.model.PromotionDecision;
import java.util.Locale;
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
 * What "one person is one person" costs per decision (docs/performance.md, issue 9): the person key
 * (TR39 skeleton with the cached SpoofChecker) and the canonical-form check of one identity, against
 * a plain lower-case comparison (baseline) and a whole evaluation of the worked example in the same run.
 * Cold start: {@code buildSpoofChecker} is what the first key costs in a fresh JVM's first call
 * ({@link ColdStart} measures it in a fresh JVM).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 4, time = 1)
@State(Scope.Benchmark)
public class IdentityBench {
    PolicyEngine engine;
    EvaluationInput worked;
    String identity = "p.r\u0430maswamy";
    String other = "p.ramaswamy";

    @Setup
    public void setup() {
        engine = PolicyEngine.builder().build();
        worked = BenchInputs.workedExample().parse();
    }

    /** BASELINE: the cheapest reasonable comparison of two identities. */
    @Benchmark
    public boolean baselineLowerCaseEquals() {
        return identity.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
    }

    /** Two person keys compared: what each comparison of people costs when the keys are not kept. */
    @Benchmark
    public boolean personKeysEqual() {
        return Persons.key(identity).equals(Persons.key(other));
    }

    /** One identity's canonical-form check (validation). */
    @Benchmark
    public boolean canonicalCheck() {
        return Identities.isCanonical(identity);
    }

    /** Building a SpoofChecker (what caching it saves on every key). */
    @Benchmark
    public SpoofChecker buildSpoofChecker() {
        return new SpoofChecker.Builder().build();
    }

    /** A whole evaluation of the worked example (4 person keys among its facts). */
    @Benchmark
    public PromotionDecision evaluateWorkedExample() {
        return engine.evaluate(worked, BenchInputs.AT);
    }
}
