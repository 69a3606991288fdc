package dev.gatehouse.bench;

import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What reading and validating one input costs in CPU time and allocation, not wall time: the same
 * calls as {@link InputBench}, timed with the thread's CPU clock, so that other jobs on a shared
 * machine (a load average far above the core count) do not decide the result. Warms each call
 * up, then times {@code rounds} rounds of {@code n} calls and prints, per call, the median and the
 * fastest round in microseconds of CPU and the bytes allocated per call. Not a JMH benchmark: use
 * it to compare two builds side by side on a busy machine.
 * {@code java -cp 'bench/target/classes:bench/target/lib/*' dev.gatehouse.bench.InputCost [n] [rounds]}
 */
public final class InputCost {
    private InputCost() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        BenchInputs.Bytes w = BenchInputs.workedExample();
        Map<String, Supplier<Object>> calls = new LinkedHashMap<>();
        calls.put(
                "readEvidence",
                () -> dev.gatehouse.internal.InputReading.parse(
                        w.evidence(), "evidence.json", ReleaseEvidence.KIND, ReleaseEvidence.class, false));
        calls.put(
                "readReadback",
                () -> dev.gatehouse.internal.InputReading.parse(
                        w.readback(), "readback.json", EnvironmentReadback.KIND, EnvironmentReadback.class, false));
        calls.put(
                "readException",
                () -> dev.gatehouse.internal.InputReading.parse(
                        w.exceptions().get(0), "exception-0.yaml", RiskException.KIND, RiskException.class, true));
        calls.put("readWorkedExample", w::parse);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (Supplier<Object> call : calls.values()) {
            for (int i = 0; i < 3 * n; i++) {
                sink += System.identityHashCode(call.get());
            }
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Supplier<Object>> e : calls.entrySet()) {
            double[] cpu = new double[rounds];
            long bytes = 0;
            for (int r = 0; r < rounds; r++) {
                long a0 = mx.getCurrentThreadAllocatedBytes();
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    sink += System.identityHashCode(e.getValue().get());
                }
                cpu[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / n;
                bytes = (mx.getCurrentThreadAllocatedBytes() - a0) / n;
            }
            Arrays.sort(cpu);
            lines.add(String.format(
                    Locale.ROOT,
                    "%-18s cpu median %7.1f us  min %7.1f us  alloc %7d B/call",
                    e.getKey(),
                    cpu[rounds / 2],
                    cpu[0],
                    bytes));
        }
        lines.forEach(System.out::println);
        if (sink == 42) {
            System.out.println();
        }
    }
}
