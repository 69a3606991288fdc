package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.internal.json.Json;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision log through the command: a full disk loses nothing, a torn tail is named and never blocks for good. */
class DecisionLogCliIT {
    static final Path W = CliRun.ROOT.resolve("fixtures/worked-example");

    @TempDir
    Path tmp;

    static List<String> evaluate(String at, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "evaluate",
                "--evidence",
                W.resolve("evidence.json").toString(),
                "--readback",
                W.resolve("readback.json").toString(),
                "--exceptions",
                W.resolve("exceptions").toString(),
                "--at",
                at));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void whenTheLastLineIsTornThenVerifySaysSoAndTheNextRunRemovesItAndLogs() throws Exception {
        Path log = tmp.resolve("decisions.jsonl");
        for (String at : List.of("2026-11-28T12:00:00Z", "2026-11-28T13:00:00Z")) {
            CliRun r = CliRun.of(evaluate(at, "--log", log.toString()).toArray(String[]::new));
            assertEquals(0, r.exit(), r.err());
        }
        String head1 = Json.sha256(Files.readAllLines(log).get(0));
        byte[] whole = Files.readAllBytes(log);
        Files.write(log, java.util.Arrays.copyOf(whole, whole.length - 100)); // kill -9 midway through line 2
        long torn = Files.size(log) - Files.readAllLines(log).get(0).length() - 1;

        CliRun verify = CliRun.of("log", "verify", log.toString());
        assertEquals(1, verify.exit());
        assertEquals(
                log + ":2: line 2 is torn: the last append did not complete (" + torn + " bytes without a newline); "
                        + "line 1 is intact, head " + head1 + ", and the next evaluate --log removes it\n",
                verify.out());
        assertEquals("", verify.err());

        CliRun next = CliRun.of(
                evaluate("2026-11-28T14:00:00Z", "--log", log.toString()).toArray(String[]::new));
        assertEquals(0, next.exit(), next.err());
        assertEquals(
                "gatehouse: the decision log " + log + " ended in a torn line 2 (" + torn + " bytes without a newline: "
                        + "an earlier append did not complete); removed it, and logged this decision as line 2\n",
                next.err());
        CliRun ok = CliRun.of("log", "verify", log.toString());
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().startsWith(log + ": OK, 2 lines, head sha256:"), ok.out());
        assertTrue(Files.readAllLines(log).get(1).contains("\"at\":\"2026-11-28T14:00:00Z\""));
    }

    /**
     * A real full disk: RLIMIT_FSIZE (ulimit -f) makes a write past the limit fail with EFBIG (the JVM
     * ignores SIGXFSZ; measured: a partial write up to the limit, then "File too large"). The run
     * reports, fails to log, exits 3, and leaves the log byte for byte as it was.
     */
    @Test
    void whenTheFileSizeLimitStopsTheAppendThenExit3AndTheLogIsAsItWas() throws Exception {
        Path log = tmp.resolve("decisions.jsonl");
        CliRun first = CliRun.of(
                evaluate("2026-11-28T12:00:00Z", "--log", log.toString()).toArray(String[]::new));
        assertEquals(0, first.exit(), first.err());
        byte[] before = Files.readAllBytes(log);
        // Room for half of a second line: the append starts, writes up to the limit, then fails.
        long limitKb = (before.length + before.length / 2) / 1024;
        assertTrue(limitKb * 1024 > before.length && limitKb * 1024 < 2L * before.length, "limit " + limitKb);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-XX:-UsePerfData",
                "-Xshare:off",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(evaluate("2026-11-28T13:00:00Z", "--log", log.toString()));
        StringBuilder script = new StringBuilder("ulimit -f " + limitKb + "; exec");
        for (String c : command) {
            script.append(" '").append(c.replace("'", "'\\''")).append("'");
        }
        Process p = new ProcessBuilder("bash", "-c", script.toString())
                .redirectOutput(tmp.resolve("stdout").toFile())
                .redirectError(tmp.resolve("stderr").toFile())
                .redirectInput(new File("/dev/null"))
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running");
        String err = Files.readString(tmp.resolve("stderr"), StandardCharsets.UTF_8);
        assertEquals(3, p.exitValue(), err);
        assertEquals(
                "gatehouse: the decision was reported but not logged: cannot append to the decision log " + log
                        + ": File too large; the log was left as it was (1 line)\n",
                err);
        assertTrue(Files.readString(tmp.resolve("stdout")).contains("\"eligible\": true"));
        assertArrayEquals(before, Files.readAllBytes(log));

        CliRun next = CliRun.of(
                evaluate("2026-11-28T14:00:00Z", "--log", log.toString()).toArray(String[]::new));
        assertEquals(0, next.exit(), next.err());
        assertEquals("", next.err());
        CliRun ok = CliRun.of("log", "verify", log.toString());
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().startsWith(log + ": OK, 2 lines, head sha256:"), ok.out());
    }
}
