package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse check}, {@code gatehouse test} and the CI report formats: exit codes and exact output. */
class AuthoringCommandsTest {
    static final Path ROOT = CliRun.ROOT;
    static final Path LINT = ROOT.resolve("tools/src/test/resources/lint");
    static final Path CASES = ROOT.resolve("cli/src/test/resources/cases");
    static final Path WORKED = ROOT.resolve("fixtures/worked-example");

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void whenTheRulebaseIsCleanThenCheckSaysSoAndExitsZero() {
        CliRun r = run("check", "--rules", LINT.resolve("clean").toString());
        assertEquals(new CliRun(0, "gatehouse: " + LINT.resolve("clean") + ": no finding\n", ""), r);
    }

    @Test
    void whenNoRulesAreGivenThenCheckLintsTheBundledRulebase() {
        assertEquals(new CliRun(0, "gatehouse: the default rulebase: no finding\n", ""), run("check"));
    }

    @Test
    void whenTheRulebaseHasFindingsThenCheckPrintsThemSortedOnStderrAndExitsTwo() {
        Path dir = LINT.resolve("reads-system-clock");
        CliRun r = run("check", "--rules", dir.toString());
        String b = dir.resolve("b.drl").toString();
        String tail =
                ": match the Now fact ($now : Now()) and use $now.at(), so the evaluation time is the one the caller gave\n";
        assertEquals(
                new CliRun(
                        2,
                        "",
                        b + ":12:47: reads-system-clock: reads the system clock through Instant.now" + tail
                                + b
                                + ":14:15: reads-system-clock: reads the system clock through System.currentTimeMillis"
                                + tail
                                + b + ":15:24: reads-system-clock: reads the system clock through new java.util.Date"
                                + tail
                                + b + ":16:43: reads-system-clock: reads the system clock through LocalDate.now" + tail
                                + b + ":16:67: reads-system-clock: reads the system clock through Clock.systemUTC"
                                + tail
                                + "gatehouse: " + dir + ": 5 findings\n"),
                r);
    }

    @Test
    void whenTheRulesDoNotCompileThenCheckPrintsCompileErrorsFirstWithDroolsWordsAndExitsTwo() {
        Path dir = LINT.resolve("compile-errors-first");
        CliRun r = run("check", "--rules", dir.toString());
        assertEquals(
                new CliRun(
                        2,
                        "",
                        dir.resolve("z.drl") + ":12:13: unknown-fact-type: no fact type Scann (did you mean Scan?)\n"
                                + "  drools: Unable to resolve ObjectType 'Scann'\n"
                                + dir.resolve("enforcement.csv")
                                + ":3:37: bad-enforcement-level: enforcement of TST-002 in production"
                                + " must be hard, soft, advisory or off, not 'strict'\n"
                                + dir.resolve("a.drl")
                                + ":5:1: missing-description: rule \"TST-001 CI built another commit\" has no"
                                + " @description(\"...\"): say in plain words what it checks\n"
                                + "gatehouse: " + dir + ": 3 findings\n"),
                r);
    }

    @Test
    void whenAuthoringShowsCheckOutputThenItIsWhatCheckPrints() throws Exception {
        Path dir = LINT.resolve("compile-errors-first");
        String doc = Files.readString(ROOT.resolve("docs/authoring.md"));
        String section = doc.substring(doc.indexOf("## Reading `check` output"));
        java.util.List<String> block = new java.util.ArrayList<>();
        for (String line : section.substring(section.indexOf("\n    ") + 1).split("\n")) {
            if (!line.startsWith("    ")) {
                break;
            }
            block.add(line.substring(4));
        }
        String printed = run("check", "--rules", dir.toString())
                .err()
                .replace(dir + java.io.File.separator, "rules/")
                .replace(dir.toString(), "rules");
        assertEquals(String.join("\n", block) + "\n", printed);
    }

    @Test
    void whenACaseExpectsAControlTheRulebaseLacksThenTestExitsTwoNamingTheCaseAndPointer() {
        Path fixtures = CASES.resolve("unknown-control");
        Path file = fixtures.resolve("a-typo/case.yaml");
        assertEquals(
                new CliRun(
                        2,
                        "",
                        file + ": /expect/violations/0/control: control SEC-0O1 is not in the rulebase's"
                                + " enforcement table (did you mean SEC-001?): the case could never pass\n"
                                + "gatehouse: bad fixtures (1 problem); no case was run\n"),
                run("test", "--fixtures", fixtures.toString()));
    }

    @Test
    void whenTheRulesFolderIsMissingThenCheckExitsTwo() {
        Path dir = LINT.resolve("no-such-case");
        assertEquals(
                new CliRun(
                        2,
                        "",
                        dir + ": missing-rulebase-file: cannot read the rulebase: not a folder: " + dir
                                + "\ngatehouse: " + dir + ": 1 finding\n"),
                run("check", "--rules", dir.toString()));
    }

    @Test
    void whenACaseFailsThenTestPrintsTheDiffAndExitsOne(@TempDir Path tmp) throws Exception {
        Path junit = tmp.resolve("report.xml");
        Path fixtures = CASES.resolve("failing");
        CliRun r = run("test", "--fixtures", fixtures.toString(), "--junit", junit.toString());
        assertEquals(1, r.exit());
        String expectedHead = "PASS a-passes\n"
                + "FAIL b-fails\n"
                + "    eligible: expected false, got true\n"
                + "    ring: expected 1, got 2 (ring 1 -> 2)\n"
                + "    violation vanished: SEC-001 CVE-2026-41022 (expected, not in the decision)\n"
                + "    waiver appeared: SEC-002 CVE-2026-41022 (by EXC-2026-031) (in the decision, not expected)\n"
                + "    exception EXC-2026-031: expected unused, got applied\n"
                + "1 passed, 1 failed\n"
                + "coverage: rules ";
        assertTrue(r.out().startsWith(expectedHead), r.out());
        assertEquals("gatehouse: 1 of 2 cases failed\n", r.err());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<testcase classname=\"gatehouse.cases.failing\" name=\"a-passes\"/>"), xml);
        assertTrue(!xml.contains("classname=\"/"), xml);
        assertTrue(xml.contains("<failure message=\"eligible: expected false, got true\" type=\"mismatch\">"), xml);
        assertTrue(xml.contains("tests=\"2\" failures=\"1\""), xml);
    }

    @Test
    void whenRunSelectsOnlyPassingCasesThenTestExitsZero() {
        CliRun r = run("test", "--fixtures", CASES.resolve("failing").toString(), "--run", "^a-");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("PASS a-passes\n1 passed, 0 failed\ncoverage: rules "), r.out());
        assertEquals("", r.err());
    }

    @Test
    void whenRunMatchesNothingThenTestExitsTwo() {
        CliRun r = run("test", "--fixtures", CASES.resolve("failing").toString(), "--run", "nothing-like-this");
        assertEquals(new CliRun(2, "", "gatehouse: no case matches --run nothing-like-this\n"), r);
    }

    @Test
    void whenCoverageIsBelowTheFloorThenTestExitsOne() {
        CliRun r =
                run("test", "--fixtures", CASES.resolve("failing").toString(), "--run", "^a-", "--min-coverage", "95");
        assertEquals(1, r.exit());
        assertTrue(
                r.err()
                        .matches(
                                "gatehouse: coverage is below --min-coverage 95%: rules \\d+\\.\\d%, controls \\d+\\.\\d%\n"),
                r.err());
    }

    @Test
    void whenAFixtureIsMalformedThenTestPrintsDiagnosticsAndExitsTwo() {
        Path bad = CASES.resolve("bad");
        Path file = bad.resolve("broken/case.yaml");
        CliRun r = run("test", "--fixtures", bad.toString());
        assertEquals(
                new CliRun(
                        2,
                        "",
                        file + ": /at: is not an RFC 3339 UTC instant\n"
                                + file + ": /expect/eligible: is required: true or false\n"
                                + "gatehouse: bad fixtures (2 problems); no case was run\n"),
                r);
    }

    @Test
    void whenTheRulesDoNotCompileThenTestExitsTwo() {
        Path rules = LINT.resolve("compile-error");
        CliRun r = run(
                "test",
                "--rules",
                rules.toString(),
                "--fixtures",
                CASES.resolve("failing").toString());
        assertEquals(
                new CliRun(
                        2,
                        "",
                        rules.resolve("b.drl") + ":15:22: rule-compile-error: Rule Compilation error The method"
                                + " of(Enforcement, String, String, String) in the type Violation is not applicable for the arguments"
                                + " (Enforcement, null, int, String)\n"
                                + "gatehouse: the rulebase does not compile (1 problem); no decision was made\n"),
                r);
    }

    @Test
    void whenMinCoverageIsOutOfRangeThenTestExitsTwo() {
        assertEquals(
                new CliRun(2, "", "gatehouse: --min-coverage must be between 0 and 100, not 101\n"),
                run("test", "--fixtures", CASES.resolve("failing").toString(), "--min-coverage", "101"));
    }

    @Test
    void whenEvaluateWritesSarifOrJUnitThenTheExitCodeStillSaysEligibility() {
        for (String format : new String[] {"sarif", "junit", "github"}) {
            CliRun ok = run(
                    "evaluate",
                    "--evidence",
                    WORKED.resolve("evidence.json").toString(),
                    "--readback",
                    WORKED.resolve("readback.json").toString(),
                    "--exceptions",
                    WORKED.resolve("exceptions").toString(),
                    "--at",
                    "2026-11-28T12:00:00Z",
                    "--format",
                    format);
            assertEquals(0, ok.exit(), format);
            assertEquals("", ok.err(), format);
            CliRun blocked = run(
                    "evaluate",
                    "--evidence",
                    WORKED.resolve("evidence.json").toString(),
                    "--readback",
                    WORKED.resolve("readback.json").toString(),
                    "--at",
                    "2026-11-28T12:00:00Z",
                    "--format",
                    format);
            assertEquals(1, blocked.exit(), format);
        }
    }

    @Test
    void whenEvaluateWritesSarifThenTheWaiverIsASuppression() {
        CliRun r = run(
                "evaluate",
                "--evidence",
                WORKED.resolve("evidence.json").toString(),
                "--readback",
                WORKED.resolve("readback.json").toString(),
                "--exceptions",
                WORKED.resolve("exceptions").toString(),
                "--at",
                "2026-11-28T12:00:00Z",
                "--format",
                "sarif");
        assertTrue(r.out().contains("\"justification\": \"waived by exception EXC-2026-031\""), r.out());
    }

    @Test
    void whenEvaluateWritesGithubCommandsThenEachBlockingViolationIsAnErrorAtItsLine() {
        CliRun r = run(
                "evaluate",
                "--evidence",
                WORKED.resolve("evidence.json").toString(),
                "--readback",
                WORKED.resolve("readback.json").toString(),
                "--at",
                "2026-11-28T12:00:00Z",
                "--format",
                "github");
        String evidence =
                WORKED.resolve("evidence.json").toAbsolutePath().normalize().toString();
        java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
        String file = WORKED.toAbsolutePath().normalize().startsWith(cwd)
                ? cwd.relativize(WORKED.toAbsolutePath().normalize().resolve("evidence.json"))
                        .toString()
                : WORKED.resolve("evidence.json").toString();
        assertEquals(
                new CliRun(
                        1,
                        "::error file=" + file.replace(":", "%3A").replace(",", "%2C")
                                + ",line=40,col=104,title=RSK-001 RR-17::[hard] high residual risk RR-17 (High CVE in vendored gRPC, fix scheduled"
                                + " for 2.8.1) names exception EXC-2026-031, which is not a valid exception for this promotion"
                                + " (evidence /residualRisks/0/exceptionId)\n"
                                + "::error file=" + file.replace(":", "%3A").replace(",", "%2C")
                                + ",line=26,col=7,title=SEC-002 CVE-2026-41022::[soft] high finding CVE-2026-41022 has a fix available"
                                + " (evidence /security/findings/0)\n"
                                + "::notice title=gatehouse::gpu-node-agent 2.8.0 staging -> production: NOT ELIGIBLE (2 blocking, 0 waived,"
                                + " 0 advisories); up to ring 2\n",
                        ""),
                r,
                evidence);
    }

    @Test
    void whenTheDocsUrlIsNotAnAbsoluteFolderUrlThenEvaluateExitsTwo() {
        CliRun r = run(
                "evaluate",
                "--evidence",
                WORKED.resolve("evidence.json").toString(),
                "--readback",
                WORKED.resolve("readback.json").toString(),
                "--at",
                "2026-11-28T12:00:00Z",
                "--format",
                "sarif",
                "--docs-url",
                "docs/");
        assertEquals(new CliRun(2, "", "gatehouse: --docs-url must be an absolute URL ending in '/', not docs/\n"), r);
    }
}
