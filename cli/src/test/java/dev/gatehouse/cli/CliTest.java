package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's exit codes and exact stderr, for CI. */
class CliTest {
    static final Path ROOT = CliRun.ROOT;
    static final Path EXAMPLE = ROOT.resolve("fixtures/worked-example");
    static final Path INVALID = ROOT.resolve("engine/src/test/resources/invalid");
    static final Path RULEBASES = ROOT.resolve("engine/src/test/resources/rulebases");

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static String[] example(String... more) {
        String[] base = {
            "evaluate",
            "--evidence",
            EXAMPLE.resolve("evidence.json").toString(),
            "--readback",
            EXAMPLE.resolve("readback.json").toString(),
            "--exceptions",
            EXAMPLE.resolve("exceptions").toString(),
            "--at",
            "2026-11-28T12:00:00Z"
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void whenTheReleaseIsEligibleThenExitIs0AndStdoutIsTheDecision() {
        CliRun r = run(example());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("\"eligible\": true"), r.out());
        assertTrue(
                r.out().startsWith("{\n  \"apiVersion\": \"gatehouse/v1\",\n  \"kind\": \"PromotionDecision\","),
                r.out());
    }

    @Test
    void whenTheSameInputsRunTwiceThenOutputIsByteIdentical() {
        assertEquals(run(example()).out(), run(example()).out());
    }

    @Test
    void whenTheReleaseIsNotEligibleThenExitIs1() {
        CliRun r = run(
                "evaluate",
                "--evidence",
                EXAMPLE.resolve("evidence.json").toString(),
                "--readback",
                EXAMPLE.resolve("readback.json").toString(),
                "--exceptions",
                EXAMPLE.resolve("exceptions").toString(),
                "--at",
                "2026-12-20T12:00:00Z");
        assertEquals(1, r.exit(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("\"eligible\": false"), r.out());
    }

    @Test
    void whenTextIsAskedThenTheSummarySaysWhatWasWaivedAndTheRing() {
        CliRun r = run(example("--format", "text"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(
                r.out().startsWith("gpu-node-agent 2.8.0 (3f2a9c1d7e4b) staging -> production: ELIGIBLE\n"), r.out());
        assertTrue(
                r.out()
                        .contains("Ring: up to ring 2 (requested 2, within what is allowed)\n"
                                + "  - baked: ring 1 entered 30h ago, bake for node-agent is 24h\n"),
                r.out());
        assertTrue(
                r.out()
                        .contains("  - SEC-002 [soft] CVE-2026-41022: high finding CVE-2026-41022 has a fix available "
                                + "(waived by EXC-2026-031)\n"),
                r.out());
    }

    @Test
    void whenTheInputIsInvalidThenExitIs2WithEveryProblemOnStderr() {
        Path dir = INVALID.resolve("many-problems");
        CliRun r = run(
                "evaluate",
                "--evidence",
                dir.resolve("evidence.json").toString(),
                "--readback",
                dir.resolve("readback.json").toString(),
                "--at",
                "2026-11-28T12:00:00Z");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        String e = dir.resolve("evidence.json").toString();
        String b = dir.resolve("readback.json").toString();
        assertEquals(
                String.join(
                        "\n",
                        e + ": /approvals: is required",
                        e + ": /aprovals: is not a known field (did you mean approvals?)",
                        e + ": /release/artifacts/0/digest: must be sha256:<64 hex>",
                        e + ": /release/author: is required",
                        e
                                + ": /security/findings/0/severity: must be one of critical, high, medium, low, not \"severe\"",
                        b + ": /identity/idpReplicas: must be at least 0",
                        "gatehouse: the input is invalid (6 problems); no decision was made",
                        ""),
                r.err());
    }

    @Test
    void whenTheRulesDoNotCompileThenExitIs2WithLocations() {
        Path rules = RULEBASES.resolve("broken-syntax");
        CliRun r = run(example("--rules", rules.toString()));
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals(
                rules.resolve("t.drl") + ":9:5: rule-compile-error: [ERR 102] Line 9:4 mismatched input '$r' in rule "
                        + "\"T-001 broken\"\n"
                        + "gatehouse: the rulebase does not compile (1 problem); no decision was made\n",
                r.err());
    }

    @Test
    void whenARuleLoopsThenExitIs3WithAClearMessage() {
        CliRun r = run(example("--rules", RULEBASES.resolve("looping").toString()));
        assertEquals(3, r.exit());
        assertTrue(
                r.err()
                        .startsWith("gatehouse: the rules could not decide: stopped after 200000 rule firings: "
                                + "a rule is probably looping (\"loop forever\" fired"),
                r.err());
    }

    @Test
    void whenAtIsNotUtcThenExitIs2() {
        CliRun r = run("evaluate", "--evidence", "e.json", "--readback", "r.json", "--at", "2026-11-28T12:00:00+01:00");
        assertEquals(2, r.exit());
        assertEquals(
                "gatehouse: Invalid value for option '--at': '2026-11-28T12:00:00+01:00' is not an RFC 3339 UTC "
                        + "instant such as 2026-11-28T12:00:00Z\nTry 'gatehouse evaluate --help' for usage.\n",
                r.err());
    }

    @Test
    void whenARequiredOptionIsMissingThenExitIs2() {
        CliRun r = run("evaluate", "--evidence", "x.json");
        assertEquals(2, r.exit());
        assertEquals(
                "gatehouse: Missing required option: '--readback=FILE'\nTry 'gatehouse evaluate --help' for usage.\n",
                r.err());
    }

    @Test
    void whenOutputIsAFileThenTheDecisionIsWrittenThere(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("decision.json");
        CliRun r = run(example("--output", file.toString()));
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(run(example()).out(), Files.readString(file));
    }

    @Test
    void whenSchemaIsAskedThenItIsTheGeneratedDraft2020Schema() {
        CliRun r = run("schema", "ReleaseEvidence");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""), r.out());
    }
}
