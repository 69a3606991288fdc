package dev.gatehouse.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.TestPaths;
import dev.gatehouse.internal.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A manual benchmark, not a test: generates N cases (variants of the repository's fixtures) in a
 * temporary fixtures tree, then replays them under the repository's rules and a candidate with
 * SEC-002 hard in production, and prints the times. Run with the test classpath:
 * {@code java -cp ... dev.gatehouse.whatif.ReplayBenchmark [N] [threads]}.
 */
public final class ReplayBenchmark {
    private ReplayBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1
                ? Integer.parseInt(args[1])
                : Runtime.getRuntime().availableProcessors();
        Path root = Files.createTempDirectory("gatehouse-replay-bench");
        List<String> seeds = List.of("worked-example", "denied-missing-security-approval", "denied-expired-exception");
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Path from = TestPaths.fixtures().resolve(seeds.get(i % seeds.size()));
            Path to = root.resolve(String.format("case-%05d", i));
            Files.createDirectories(to.resolve("exceptions"));
            ObjectNode evidence = (ObjectNode)
                    Json.mapper().readTree(from.resolve("evidence.json").toFile());
            ((ObjectNode) evidence.get("release")).put("version", "2.8." + i);
            if (i % 7 == 0) {
                ((ObjectNode) evidence.get("ci").get("checks")).put("test", "failed");
            }
            if (i % 11 == 0) {
                ((ArrayNode) evidence.get("security").get("findings")).remove(0);
            }
            if (i % 13 == 0) {
                ((ObjectNode) evidence.get("promotion")).put("requestedRing", 3);
            }
            Files.writeString(to.resolve("evidence.json"), Json.pretty(evidence));
            JsonNode readback =
                    Json.mapper().readTree(from.resolve("readback.json").toFile());
            if (i % 17 == 0) {
                ((ObjectNode) readback.get("edge")).put("waf", false);
            }
            Files.writeString(to.resolve("readback.json"), Json.pretty(readback));
            try (Stream<Path> xs = Files.list(from.resolve("exceptions"))) {
                for (Path x : xs.toList()) {
                    Files.copy(x, to.resolve("exceptions").resolve(x.getFileName()));
                }
            }
            Files.writeString(to.resolve("case.yaml"), "at: \"2026-11-28T12:00:00Z\"\nexpect: {eligible: true}\n");
        }
        long t1 = System.nanoTime();
        PolicyEngine baseline = PolicyEngine.builder().rules(TestPaths.rules()).build();
        Path candidateRules = root.resolve("candidate-rules");
        ReplayTest.copy(TestPaths.rules(), candidateRules);
        Path csv = candidateRules.resolve("enforcement.csv");
        Files.writeString(
                csv,
                Files.readString(csv)
                        .replace(
                                "SEC-002,advisory,advisory,soft,soft,soft",
                                "SEC-002,advisory,advisory,soft,soft,hard"));
        PolicyEngine candidate = PolicyEngine.builder().rules(candidateRules).build();
        long t2 = System.nanoTime();
        Replay.Corpus corpus = Replay.fixtures(root);
        long t3 = System.nanoTime();
        ReplayReport report = Replay.run(baseline, candidate, corpus, threads);
        long t4 = System.nanoTime();
        System.out.printf(
                "generated %d cases in %.1f s; compiled both rulebases in %.1f s%n", n, s(t1 - t0), s(t2 - t1));
        System.out.printf("loaded and validated the corpus in %.1f s%n", s(t3 - t2));
        System.out.printf(
                "replayed %d cases (%d evaluations) on %d threads in %.1f s: %d flips, %d changed, %d ring changes%n",
                report.cases(),
                2 * report.cases(),
                threads,
                s(t4 - t3),
                report.flips(),
                report.changed().size(),
                report.ringChanges());
        System.out.printf("total replay (load + evaluate) %.1f s%n", s(t4 - t2));
    }

    private static double s(long nanos) {
        return nanos / 1e9;
    }
}
