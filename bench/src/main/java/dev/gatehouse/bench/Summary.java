package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads JMH JSON results (-rf json). {@code summary RESULT}: a line per benchmark, then the one-line
 * summary last. {@code compare BASELINE RESULT}: p50/p99 of each benchmark, before and after, with the
 * change in percent.
 */
public final class Summary {
    private Summary() {}

    /** p50 and p99 of one benchmark (with its parameters), in its score unit. */
    /** p50 and p99 per call, and the bytes allocated per call when JMH's gc profiler ran (else NaN). */
    record Score(double p50, double p99, String unit, double allocBytes) {}

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("summary")) {
            Map<String, Score> scores = read(Path.of(args[1]));
            scores.forEach((k, s) ->
                    System.out.printf(Locale.ROOT, "%-58s p50=%10.1f p99=%10.1f %s%n", k, s.p50, s.p99, s.unit));
            printLine(scores);
        } else if (args.length == 3 && args[0].equals("compare")) {
            Map<String, Score> before = read(Path.of(args[1]));
            Map<String, Score> after = read(Path.of(args[2]));
            System.out.printf(
                    Locale.ROOT, "%-58s %21s %21s%n", "benchmark", "p50 before -> after", "p99 before -> after");
            for (Map.Entry<String, Score> e : after.entrySet()) {
                Score b = before.get(e.getKey());
                Score a = e.getValue();
                if (b == null) {
                    System.out.printf(Locale.ROOT, "%-58s %s%n", e.getKey(), "new (no baseline)");
                    continue;
                }
                System.out.printf(
                        Locale.ROOT,
                        "%-58s %8.1f -> %8.1f %+6.1f%%  %8.1f -> %8.1f %+6.1f%%  %s%n",
                        e.getKey(),
                        b.p50,
                        a.p50,
                        pct(b.p50, a.p50),
                        b.p99,
                        a.p99,
                        pct(b.p99, a.p99),
                        a.unit);
            }
            before.keySet().stream()
                    .filter(k -> !after.containsKey(k))
                    .forEach(k -> System.out.printf(
                            Locale.ROOT, "%-58s %s%n", k, "not in this run (only in the saved results)"));
            printLine(after);
        } else {
            System.err.println("usage: Summary summary RESULT.json | Summary compare BASELINE.json RESULT.json");
            System.exit(2);
        }
    }

    private static void printLine(Map<String, Score> scores) {
        try {
            String line = line(scores);
            try {
                System.out.println(allocLine(scores));
            } catch (IllegalStateException e) {
                System.err.println(
                        "no alloc line: " + e.getMessage() + " (run EvaluateBench with -prof gc and InputBench)");
            }
            System.out.println(line);
        } catch (IllegalStateException e) {
            System.err.println("no summary line: " + e.getMessage() + " (run EvaluateBench for it)");
        }
    }

    /** The one-line summary: evaluate p50/p99 and e2e p50 of the worked example, baseline p50, ratio. */
    static String line(Map<String, Score> scores) {
        Score eval = need(scores, "EvaluateBench.evaluateWorkedExample");
        Score e2e = need(scores, "EvaluateBench.e2eWorkedExample");
        Score base = need(scores, "EvaluateBench.baselineWorkedExample");
        return String.format(
                Locale.ROOT,
                "evaluate p50=%.1fus p99=%.1fus e2e p50=%.1fus baseline p50=%.2fus ratio=%.1fx",
                eval.p50,
                eval.p99,
                e2e.p50,
                base.p50,
                eval.p50 / base.p50);
    }

    /**
     * The second summary line (printed just before the last): KB (1,024 bytes) allocated per warm evaluation of the
     * worked example, by every thread (JMH's gc profiler), and the p50 of reading and validating its three documents.
     */
    static String allocLine(Map<String, Score> scores) {
        Score eval = need(scores, "EvaluateBench.evaluateWorkedExample");
        Score read = need(scores, "InputBench.readWorkedExample");
        if (Double.isNaN(eval.allocBytes())) {
            throw new IllegalStateException("the results have no allocation (gc profiler) for evaluateWorkedExample");
        }
        return String.format(Locale.ROOT, "alloc=%.1fKB read p50=%.1fus", eval.allocBytes() / 1024, read.p50);
    }

    private static Score need(Map<String, Score> scores, String name) {
        Score s = scores.get(name);
        if (s == null) {
            throw new IllegalStateException("the results have no " + name);
        }
        return s;
    }

    private static double pct(double before, double after) {
        return before == 0 ? 0 : (after - before) * 100 / before;
    }

    static Map<String, Score> read(Path file) throws IOException {
        Map<String, Score> out = new TreeMap<>();
        for (JsonNode run : dev.gatehouse.internal.json.Json.mapper().readTree(file.toFile())) {
            String name = run.path("benchmark").asText().replaceFirst("^dev\\.gatehouse\\.bench\\.", "");
            StringBuilder key = new StringBuilder(name);
            run.path("params")
                    .properties()
                    .forEach(p -> key.append(" ")
                            .append(p.getKey())
                            .append("=")
                            .append(p.getValue().asText()));
            JsonNode m = run.path("primaryMetric");
            JsonNode pc = m.path("scorePercentiles");
            out.put(
                    key.toString(),
                    new Score(
                            pc.path("50.0").asDouble(),
                            pc.path("99.0").asDouble(),
                            m.path("scoreUnit").asText(),
                            run.path("secondaryMetrics")
                                    .path("gc.alloc.rate.norm")
                                    .path("score")
                                    .asDouble(Double.NaN)));
        }
        return out;
    }
}
