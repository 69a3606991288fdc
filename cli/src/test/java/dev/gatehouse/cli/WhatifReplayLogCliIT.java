package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** whatif, replay, evaluate --log and log verify through Main.run: exact exit codes and stderr. */
class WhatifReplayLogCliIT {
    static final Path ROOT = CliRun.ROOT;
    static final Path W = ROOT.resolve("fixtures/worked-example");
    static final Path DENIED = ROOT.resolve("fixtures/denied-missing-security-approval");

    @TempDir
    Path tmp;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static String[] whatif(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "whatif",
                "--evidence",
                dir.resolve("evidence.json").toString(),
                "--readback",
                dir.resolve("readback.json").toString(),
                "--exceptions",
                dir.resolve("exceptions").toString(),
                "--rules",
                ROOT.resolve("rules").toString(),
                "--at",
                "2026-11-28T12:00:00Z"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void whenTheVariantFlipsThenWhatifExitsZeroAndOneWithFailOnFlip() {
        CliRun r = run(whatif(W, "--set", "/ci/checks/test=\"failed\""));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  eligibility: ELIGIBLE -> NOT ELIGIBLE\n"), r.out());
        assertTrue(
                r.out()
                        .contains(
                                "  + blocking CI-001 [hard] test: CI check test failed; it must pass (/ci/checks/test)\n"),
                r.out());
        assertEquals(
                1,
                run(whatif(W, "--set", "/ci/checks/test=\"failed\"", "--fail-on-flip"))
                        .exit());
        assertEquals(
                0,
                run(whatif(W, "--set", "/ci/checks/contract=\"passed\"", "--fail-on-flip"))
                        .exit());
    }

    @Test
    void whenTheSecurityApprovalLandsThenTheDeniedReleaseBecomesEligible() {
        CliRun r = run(whatif(
                DENIED,
                "--set",
                "/approvals/-={\"role\":\"security\",\"by\":\"p.ramaswamy\",\"at\":\"2026-11-25T09:30:00Z\"}",
                "--format",
                "json",
                "--fail-on-flip"));
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("\"direction\": \"not eligible -> eligible\""), r.out());
        assertEquals("", r.err());
    }

    @Test
    void whenTheVariantBreaksTheContractThenExitTwoWithTheExactDiagnostic() {
        CliRun r = run(whatif(W, "--set", "/approvals/-={\"role\":\"security\",\"by\":\"x\"}"));
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals(
                W.resolve("evidence.json") + " (variant): /approvals/2/at: is required\n"
                        + "gatehouse: the input is invalid (1 problem); no decision was made\n",
                r.err());
    }

    @Test
    void whenASetIsNotJsonThenExitTwoWithHowToWriteIt() {
        CliRun r = run(whatif(W, "--set", "/ci/checks/test=passed"));
        assertEquals(2, r.exit());
        assertEquals(
                "gatehouse: '/ci/checks/test=passed': the value after = is not JSON (a string needs quotes: \"passed\")\n",
                r.err());
    }

    @Test
    void whenWithAtIsNeitherAnInstantNorRelativeThenExitTwo() {
        CliRun r = run(whatif(W, "--with-at", "tomorrow"));
        assertEquals(2, r.exit());
        assertTrue(
                r.err()
                        .startsWith(
                                "gatehouse: Invalid value for option '--with-at': 'tomorrow' is neither an RFC 3339 UTC"
                                        + " instant such as 2026-11-28T12:00:00Z nor a relative time such as +10d, +36h, -90m"),
                r.err());
    }

    @Test
    void whenTheExceptionHasExpiredTenDaysLaterThenBlockersSayWhatItWouldTake() {
        CliRun r = run(whatif(W, "--with-at", "+17d", "--explain-blockers"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(
                r.out().contains("  exception EXC-2026-031: applied -> expired (expired at 2026-12-15T00:00:00Z)\n"),
                r.out());
        assertTrue(
                r.out()
                        .contains(
                                "  - SEC-002 [soft, an exception can waive it] CVE-2026-41022: high finding CVE-2026-41022 has a fix available\n"
                                        + "      at: evidence /security/findings/0\n"
                                        + "      needs: no finding of severity high with a fix available\n"),
                r.out());
    }

    @Test
    void whenReplayingWithATightenedControlThenFailOnFlipExitsOne() throws IOException {
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules);
        try (Stream<Path> s = Files.list(ROOT.resolve("rules"))) {
            for (Path p : s.toList()) {
                Files.copy(p, rules.resolve(p.getFileName()));
            }
        }
        Path csv = rules.resolve("enforcement.csv");
        Files.writeString(
                csv,
                Files.readString(csv)
                        .replace(
                                "SEC-002,advisory,advisory,soft,soft,soft",
                                "SEC-002,advisory,advisory,soft,soft,hard"));
        String[] args = {
            "replay",
            "--rules",
            rules.toString(),
            "--baseline-rules",
            ROOT.resolve("rules").toString(),
            "--corpus",
            ROOT.resolve("fixtures").toString()
        };
        CliRun r = run(args);
        assertEquals(0, r.exit(), r.err());
        assertTrue(
                r.out().contains("\nworked-example: FLIP eligible -> not eligible, caused by RSK-001, SEC-002\n"),
                r.out());
        String[] failing =
                Stream.concat(Stream.of(args), Stream.of("--fail-on-flip")).toArray(String[]::new);
        assertEquals(1, run(failing).exit());
        CliRun same = run(
                "replay",
                "--rules",
                ROOT.resolve("rules").toString(),
                "--baseline-rules",
                ROOT.resolve("rules").toString(),
                "--corpus",
                ROOT.resolve("fixtures").toString(),
                "--fail-on-flip");
        assertEquals(0, same.exit(), same.err());
    }

    @Test
    void whenReplayHasNoCorpusThenExitTwo() {
        CliRun r = run(
                "replay",
                "--rules",
                ROOT.resolve("rules").toString(),
                "--corpus",
                tmp.resolve("nope").toString());
        assertEquals(2, r.exit());
        assertEquals("gatehouse: the corpus " + tmp.resolve("nope") + " does not exist\n", r.err());
    }

    @Test
    void whenEvaluateLogsThenVerifySaysOkAndNamesATamperedLine() throws IOException {
        Path log = tmp.resolve("decisions.jsonl");
        for (int i = 0; i < 3; i++) {
            CliRun e = run(
                    "evaluate",
                    "--evidence",
                    W.resolve("evidence.json").toString(),
                    "--readback",
                    W.resolve("readback.json").toString(),
                    "--exceptions",
                    W.resolve("exceptions").toString(),
                    "--rules",
                    ROOT.resolve("rules").toString(),
                    "--at",
                    "2026-11-28T12:00:00Z",
                    "--log",
                    log.toString());
            assertEquals(0, e.exit(), e.err());
        }
        CliRun ok = run("log", "verify", log.toString());
        assertEquals(0, ok.exit());
        assertTrue(ok.out().startsWith(log + ": OK, 3 lines, head sha256:"), ok.out());

        CliRun replay = run("replay", "--rules", ROOT.resolve("rules").toString(), "--corpus", log.toString());
        assertEquals(0, replay.exit(), replay.err());
        assertTrue(replay.out().contains("\n3 cases replayed: 0 flips"), replay.out());

        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(0, lines.get(0).replace("\"by\":\"p.ramaswamy\"", "\"by\":\"someone-else\""));
        Files.write(log, lines, StandardCharsets.UTF_8);
        CliRun broken = run("log", "verify", log.toString());
        assertEquals(1, broken.exit());
        // The edited input no longer hashes to the decision's inputDigest: line 1 is named at once.
        assertTrue(broken.out().startsWith(log + ":1: broken: its inputs hash to sha256:"), broken.out());

        lines.set(
                0,
                lines.get(0)
                        .replace("\"by\":\"someone-else\"", "\"by\":\"p.ramaswamy\"")
                        .replace("\"eligible\":true", "\"eligible\":false"));
        Files.write(log, lines, StandardCharsets.UTF_8);
        CliRun chain = run("log", "verify", log.toString());
        assertEquals(1, chain.exit());
        assertTrue(chain.out().startsWith(log + ":1: broken: line 1 was changed: its sha256 is sha256:"), chain.out());
    }

    @Test
    void whenEditsAreGivenThenTheyApplyInCommandLineOrder() {
        String add = "/approvals/-={\"role\":\"security\",\"by\":\"x.reviewer\",\"at\":\"2026-11-25T10:00:00Z\"}";
        CliRun addThenRemove = run(whatif(W, "--set", add, "--unset", "/approvals/2"));
        assertEquals(0, addThenRemove.exit(), addThenRemove.err());
        CliRun removeThenAdd = run(whatif(W, "--unset", "/approvals/2", "--set", add));
        assertEquals(2, removeThenAdd.exit(), removeThenAdd.out());
        assertTrue(removeThenAdd.err().contains("/approvals/2"), removeThenAdd.err());
    }
}
