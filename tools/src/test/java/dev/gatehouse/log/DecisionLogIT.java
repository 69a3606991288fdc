package dev.gatehouse.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.SharedEngine;
import dev.gatehouse.TestPaths;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.model.PromotionDecision;
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
class DecisionLogIT {
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");
    static final PolicyEngine ENGINE = SharedEngine.rules();
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
        assertEquals(new DecisionLog.Verification(3, 0, null, Json.sha256(lines.get(2)), false), v);
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
        assertEquals(
                new DecisionLog.Verification(
                        2,
                        2,
                        "it says it is line 3: a line before it was deleted or inserted, or lines were reordered",
                        null,
                        false),
                DecisionLog.verify(log));
    }

    @Test
    void whenTheLastLineIsTornThenVerifyNamesItAsTornAndTheNextAppendRemovesIt() throws IOException {
        Path log = logOf(2);
        String head1 = Json.sha256(Files.readAllLines(log).get(0));
        byte[] bytes = Files.readAllBytes(log);
        int torn = bytes.length - Files.readAllLines(log).get(0).length() - 1 - 10;
        Files.write(log, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertEquals(
                new DecisionLog.Verification(
                        2,
                        2,
                        "line 2 is torn: the last append did not complete (" + torn
                                + " bytes without a newline); line 1 is intact, head " + head1
                                + ", and the next evaluate --log removes it",
                        head1,
                        true),
                DecisionLog.verify(log));

        DecisionLog.Appended a = DecisionLog.append(log, INPUT, AT, DECISION);
        assertEquals(new DecisionLog.Appended(2, new DecisionLog.Torn(2, torn)), a);
        DecisionLog.Verification v = DecisionLog.verify(log);
        assertEquals(0, v.firstBroken(), v.problem());
        assertEquals(2, v.lines());
    }

    @Test
    void whenTheOnlyLineIsTornThenTheNextAppendStartsAtGenesis() throws IOException {
        Path log = tmp.resolve("decisions.jsonl");
        Files.writeString(log, "{\"at\":\"2026-11-");
        assertEquals(
                new DecisionLog.Verification(
                        1,
                        1,
                        "line 1 is torn: the last append did not complete (15 bytes without a "
                                + "newline); there is no line before it, and the next evaluate --log removes it",
                        DecisionLog.GENESIS,
                        true),
                DecisionLog.verify(log));
        assertEquals(
                new DecisionLog.Appended(1, new DecisionLog.Torn(1, 15)), DecisionLog.append(log, INPUT, AT, DECISION));
        assertTrue(Files.readString(log).contains("\"prev\":\"" + DecisionLog.GENESIS + "\""));
        assertEquals(0, DecisionLog.verify(log).firstBroken());
    }

    /** How the disk fails during an append, and the message the append must give. */
    record DiskFailure(
            String name, long room, boolean failForce, boolean failTruncate, String message, boolean unchanged) {}

    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> whenTheDiskFailsMidAppendThenTheLogIsAsItWas() {
        List<DiskFailure> table = List.of(
                new DiskFailure(
                        "full before the first byte",
                        0,
                        false,
                        false,
                        "No space left on device; the log was left as it was (2 lines)",
                        true),
                new DiskFailure(
                        "full after 1 byte",
                        1,
                        false,
                        false,
                        "No space left on device; the log was left as it was (2 lines)",
                        true),
                new DiskFailure(
                        "full mid-line",
                        4000,
                        false,
                        false,
                        "No space left on device; the log was left as it was (2 lines)",
                        true),
                new DiskFailure(
                        "full just before the newline",
                        -1,
                        false,
                        false,
                        "No space left on device; the log was left as it was (2 lines)",
                        true),
                new DiskFailure(
                        "the sync fails",
                        Long.MAX_VALUE,
                        true,
                        false,
                        "Input/output error; the log was left as it was (2 lines)",
                        true),
                new DiskFailure(
                        "full, and truncating back fails too",
                        4000,
                        false,
                        true,
                        "No space left on device; truncating it back to 2 lines failed too (Read-only file system): "
                                + "line 3 may be torn, and the next append removes it",
                        false));
        return table.stream()
                .map(f -> org.junit.jupiter.api.DynamicTest.dynamicTest(f.name(), () -> {
                    Path log = Files.createTempDirectory(tmp, "full").resolve("decisions.jsonl");
                    DecisionLog.append(log, INPUT, AT, DECISION);
                    DecisionLog.append(log, INPUT, AT, DECISION);
                    byte[] before = Files.readAllBytes(log);
                    long lineLength = DecisionLog.line(
                                    INPUT,
                                    AT,
                                    DECISION,
                                    Json.sha256(Files.readAllLines(log).get(1)),
                                    3)
                            .length;
                    long room = f.room() < 0 ? lineLength : f.room();
                    IOException e = org.junit.jupiter.api.Assertions.assertThrows(
                            IOException.class,
                            () -> DecisionLog.append(
                                    log,
                                    INPUT,
                                    AT,
                                    DECISION,
                                    p -> new FullDiskChannel(
                                            java.nio.channels.FileChannel.open(
                                                    p,
                                                    java.nio.file.StandardOpenOption.READ,
                                                    java.nio.file.StandardOpenOption.WRITE),
                                            room,
                                            f.failForce(),
                                            f.failTruncate())));
                    assertEquals(f.message(), e.getMessage());
                    if (f.unchanged()) {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(log));
                        assertEquals(0, DecisionLog.verify(log).firstBroken());
                    } else {
                        assertEquals(before.length + room, Files.size(log));
                        DecisionLog.Verification torn = DecisionLog.verify(log);
                        assertEquals(3, torn.firstBroken());
                        assertTrue(torn.torn(), torn.problem());
                    }
                    // Never blocked for good: the next append (disk freed) succeeds and the chain verifies.
                    assertEquals(3, DecisionLog.append(log, INPUT, AT, DECISION).line());
                    DecisionLog.Verification v = DecisionLog.verify(log);
                    assertEquals(new DecisionLog.Verification(3, 0, null, v.head(), false), v);
                }));
    }

    @Test
    void whenLineNumbersPassTheIntRangeThenTheyCountOnAndTheLongRangeIsRefused() throws IOException {
        Path log = tmp.resolve("big.jsonl");
        Files.write(
                log,
                List.of(new String(
                        DecisionLog.line(INPUT, AT, DECISION, DecisionLog.GENESIS, Integer.MAX_VALUE),
                        StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        assertEquals(2147483648L, DecisionLog.append(log, INPUT, AT, DECISION).line());
        assertTrue(Files.readAllLines(log).get(1).contains("\"n\":2147483648,"));

        Path full = tmp.resolve("full.jsonl");
        Files.write(
                full,
                List.of(new String(
                        DecisionLog.line(INPUT, AT, DECISION, DecisionLog.GENESIS, Long.MAX_VALUE),
                        StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        byte[] before = Files.readAllBytes(full);
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(
                IOException.class, () -> DecisionLog.append(full, INPUT, AT, DECISION));
        assertEquals(
                "it is full: its last line is number 9223372036854775807, the largest a line can have; start a new log",
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(full));
    }

    @Test
    void whenTheLastCompleteLineIsNotALogLineThenAppendRefuses() throws IOException {
        Path log = tmp.resolve("odd.jsonl");
        Files.writeString(log, "{\"n\":1.5}\n");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(
                IOException.class, () -> DecisionLog.append(log, INPUT, AT, DECISION));
        assertEquals(
                "its last complete line is not a decision log line; run 'gatehouse log verify " + log + "'",
                e.getMessage());
        assertEquals("{\"n\":1.5}\n", Files.readString(log));
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
            processes.add(new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            LogAppender.class.getName(),
                            log.toString(),
                            "15",
                            TestPaths.fixtures().resolve("worked-example").toString(),
                            decision.toString())
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
        List<dev.gatehouse.cases.GoldenCase> cases =
                dev.gatehouse.cases.CaseLoader.load(TestPaths.fixtures()).cases().stream()
                        .filter(c -> !c.expect().expectsInvalid())
                        .toList();
        for (dev.gatehouse.cases.GoldenCase c : cases) {
            EvaluationInput in = c.input();
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
