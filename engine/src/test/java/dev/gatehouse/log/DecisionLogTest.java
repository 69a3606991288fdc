package dev.gatehouse.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.Inputs;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.TestPaths;
import dev.gatehouse.model.EvaluationInput;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.report.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash chain: intact after appends, broken where a line is edited or deleted, intact under concurrency. */
class DecisionLogTest {
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");
    static final PolicyEngine ENGINE = PolicyEngine.builder().rules(TestPaths.rules()).build();
    static final EvaluationInput INPUT = input();
    static final PromotionDecision DECISION = ENGINE.evaluate(INPUT, AT);

    @TempDir
    Path tmp;

    static EvaluationInput input() {
        Path d = TestPaths.fixtures().resolve("worked-example");
        return Inputs.read(d.resolve("evidence.json"), d.resolve("readback.json"), d.resolve("exceptions"));
    }

    private Path logOf(int lines) throws IOException {
        Path log = tmp.resolve("decisions.jsonl");
        for (int i = 0; i < lines; i++) {
            DecisionLog.append(log, INPUT, AT.plusSeconds(i), DECISION);
        }
        return log;
    }

    @Test
    void whenLinesAreAppendedThenTheChainStartsAtGenesisAndLinksEachLine() throws IOException {
        Path log = logOf(3);
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.get(0).contains("\"prev\":\"" + DecisionLog.GENESIS + "\""));
        assertTrue(lines.get(2).contains("\"prev\":\"" + Json.sha256(lines.get(1)) + "\""));
        DecisionLog.Verification v = DecisionLog.verify(log);
        assertEquals(new DecisionLog.Verification(3, 0, null, Json.sha256(lines.get(2))), v);
    }

    @Test
    void whenALineIsEditedThenVerifyNamesThatLine() throws IOException {
        Path log = logOf(4);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(1, lines.get(1).replace("\"eligible\":true", "\"eligible\":false"));
        Files.write(log, lines, StandardCharsets.UTF_8);
        DecisionLog.Verification v = DecisionLog.verify(log);
        assertEquals(2, v.firstBroken());
        assertTrue(v.problem().startsWith("line 2 was changed: its sha256 is "), v.problem());
    }

    @Test
    void whenALineIsDeletedThenVerifyNamesTheLineThatFollowedIt() throws IOException {
        Path log = logOf(4);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.remove(1);
        Files.write(log, lines, StandardCharsets.UTF_8);
        assertEquals(new DecisionLog.Verification(2, 2,
                "it says it is line 3: a line before it was deleted or inserted, or lines were reordered", null),
                DecisionLog.verify(log));
    }

    @Test
    void whenTheLastLineIsTruncatedThenVerifyNamesIt() throws IOException {
        Path log = logOf(2);
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        DecisionLog.Verification v = DecisionLog.verify(log);
        assertEquals(2, v.firstBroken());
        assertEquals("the line is incomplete: it does not end with a newline", v.problem());
        assertNull(v.head());
    }

    @Test
    void whenEightThreadsAppendAtOnceThenNoLineIsLostOrTorn() throws Exception {
        Path log = tmp.resolve("concurrent.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        DecisionLog.append(log, INPUT, AT, DECISION);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        DecisionLog.Verification v = DecisionLog.verify(log);
        assertEquals(0, v.firstBroken(), v.problem());
        assertEquals(80, v.lines());
    }

    @Test
    void whenSeveralProcessesAppendAtOnceThenTheChainIsIntact() throws Exception {
        Path log = tmp.resolve("processes.jsonl");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path decision = tmp.resolve("decision.json");
        Files.writeString(decision, Json.pretty(DECISION));
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LogAppender.class.getName(), log.toString(), "15",
                    TestPaths.fixtures().resolve("worked-example").toString(), decision.toString())
                    .redirectErrorStream(true)
                    .start());
        }
        for (Process p : processes) {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), output);
        }
        DecisionLog.Verification v = DecisionLog.verify(log);
        assertEquals(0, v.firstBroken(), v.problem());
        assertEquals(45, v.lines());
    }

    @Test
    void whenEveryGoldenCaseIsLoggedThenTheLogVerifiesAndEveryLineReadsBackAsAValidInput() throws IOException {
        Path log = tmp.resolve("all.jsonl");
        List<dev.gatehouse.cases.GoldenCase> cases = dev.gatehouse.cases.CaseLoader.load(TestPaths.fixtures()).cases().stream()
                .filter(c -> !c.expect().expectsInvalid()).toList();
        for (dev.gatehouse.cases.GoldenCase c : cases) {
            EvaluationInput in = Inputs.read(c.evidence(), c.readback(), c.exceptions());
            DecisionLog.append(log, in, c.at(), ENGINE.evaluate(in, c.at()));
        }
        DecisionLog.Verification v = DecisionLog.verify(log);
        assertEquals(cases.size(), v.lines());
        assertEquals(null, v.problem());
        dev.gatehouse.whatif.Replay.Corpus corpus = dev.gatehouse.whatif.Replay.log(log);
        assertEquals(List.of(), corpus.skipped());
        assertEquals(cases.size(), corpus.cases().size());
    }

    @Test
    void whenALinesInputsAndChainAreRewrittenThenVerifyCatchesTheInputs() throws IOException {
        Path log = logOf(1);
        String line = Files.readAllLines(log).get(0);
        String forged = line.replace("\"version\":\"2.8.0\"", "\"version\":\"2.8.1\"");
        assertTrue(!forged.equals(line));
        Files.write(log, List.of(forged), StandardCharsets.UTF_8);
        DecisionLog.Verification v = DecisionLog.verify(log);
        assertEquals(1, v.firstBroken());
        assertTrue(v.problem().startsWith("its inputs hash to sha256:"), v.problem());
    }
}
