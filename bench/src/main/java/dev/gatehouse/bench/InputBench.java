package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.io.IOException;
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
 * Reading and validating one input from its bytes, as the command does ({@link Inputs#parse}: parse,
 * number screen, validation, binding), per document kind of the worked example, and all three
 * together. The baseline binds the evidence with a plain Jackson mapper and validates nothing: the
 * floor any validation adds to. Sample mode: p50 and p99 per call.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class InputBench {
    BenchInputs.Bytes worked;
    ObjectMapper plain;

    @Setup
    public void setup() {
        worked = BenchInputs.workedExample();
        plain = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The evidence (JSON), read and validated. */
    @Benchmark
    public ReleaseEvidence readEvidence() {
        return dev.gatehouse.internal.InputReading.parse(
                worked.evidence(), "evidence.json", ReleaseEvidence.KIND, ReleaseEvidence.class, false);
    }

    /** The readback (JSON), read and validated. */
    @Benchmark
    public EnvironmentReadback readReadback() {
        return dev.gatehouse.internal.InputReading.parse(
                worked.readback(), "readback.json", EnvironmentReadback.KIND, EnvironmentReadback.class, false);
    }

    /** The exception (YAML), read and validated. */
    @Benchmark
    public RiskException readException() {
        return dev.gatehouse.internal.InputReading.parse(
                worked.exceptions().get(0), "exception-0.yaml", RiskException.KIND, RiskException.class, true);
    }

    /** All three documents of the worked example: one input as a CI job sends it. */
    @Benchmark
    public EvaluationInput readWorkedExample() {
        return worked.parse();
    }

    /** BASELINE: the evidence bound by plain Jackson, nothing validated. */
    @Benchmark
    public ReleaseEvidence baselineBindEvidence() throws IOException {
        return plain.readValue(worked.evidence(), ReleaseEvidence.class);
    }
}
