package dev.gatehouse.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.TestPaths;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.log.DecisionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay on the repository's fixtures with a candidate rulebase that tightens one control:
 * SEC-002 made hard in production (a copy of rules/ with one cell of enforcement.csv changed).
 */
class ReplayTest {
    /** The cases this test pins: the flips among them must be exactly those expected. */
    private static final List<String> PINNED =
            List.of("denied-expired-exception", "denied-missing-security-approval", "worked-example");

    @TempDir
    static Path tmp;

    static PolicyEngine candidate;

    @BeforeAll
    static void tightenSec002InProduction() throws IOException {
        Path rules = tmp.resolve("candidate-rules");
        copy(TestPaths.rules(), rules);
        Path table = rules.resolve("enforcement.csv");
        String csv = Files.readString(table);
        String tightened =
                csv.replace("SEC-002,advisory,advisory,soft,soft,soft", "SEC-002,advisory,advisory,soft,soft,hard");
        assertTrue(!tightened.equals(csv), "the SEC-002 row of enforcement.csv changed shape; update this test");
        Files.writeString(table, tightened);
        candidate = PolicyEngine.builder().rules(rules).build();
    }

    @Test
    void whenSec002IsHardInProductionThenExactlyTheWaivedReleaseFlips() throws IOException {
        Path corpus = tmp.resolve("pinned");
        for (String name : PINNED) {
            copy(TestPaths.fixtures().resolve(name), corpus.resolve(name));
        }
        ReplayReport r = Replay.run(Fixtures.ENGINE, candidate, Replay.fixtures(corpus));
        assertEquals(3, r.cases());
        assertEquals(List.of("worked-example"), r.flipped());
        assertEquals(1, r.flips());
        assertEquals(1, r.newlyDenied());
        assertEquals(0, r.newlyEligible());
        assertEquals(Map.of("RSK-001", 1, "SEC-002", 1), r.flipsByControl());
        assertEquals(
                List.of(
                        "denied-expired-exception: none; +SEC-002[hard] CVE-2026-41022; -SEC-002[soft] CVE-2026-41022",
                        "denied-missing-security-approval: none; +RSK-001[hard] RR-17; +SEC-002[hard] CVE-2026-41022;"
                                + " -waived SEC-002[soft] CVE-2026-41022; EXC-2026-031 applied->ineffective",
                        "worked-example: eligible -> not eligible; +RSK-001[hard] RR-17; +SEC-002[hard] CVE-2026-41022;"
                                + " -waived SEC-002[soft] CVE-2026-41022; EXC-2026-031 applied->ineffective"),
                r.changed().stream()
                        .map(c -> c.name() + ": " + WhatIfEngineTest.summary(c.diff()))
                        .toList());
    }

    @Test
    void whenTheWholeFixturesTreeIsReplayedThenExactlyTheCasesWaivingSec002InProductionFlip() throws IOException {
        ReplayReport r = Replay.run(Fixtures.ENGINE, candidate, Replay.fixtures(TestPaths.fixtures()));
        assertEquals(List.of(), r.errors());
        List<String> flips = new java.util.ArrayList<>();
        for (ReplayReport.CaseChange c : r.changed()) {
            if (c.diff().eligibilityChanged()) {
                assertEquals("eligible -> not eligible", c.diff().direction(), c.name());
                flips.add(c.name() + " " + c.diff().causes());
            }
        }
        // SEC-002 hard in production: every case whose eligibility rested on a SEC-002 waiver flips; an
        // exception naming only SEC-002 becomes ineffective, so a high risk naming it flips through RSK-001.
        assertEquals(
                List.of(
                        "exc-001-applied-expires-in-7d-1s-no-warning [SEC-002]",
                        "exc-001-applied-expires-in-exactly-7d [SEC-002]",
                        "exc-created-exactly-now-applied [SEC-002]",
                        "exc-expires-1s-after-now-applied-warns [SEC-002]",
                        "exc-first-by-id-wins [SEC-002]",
                        "exc-first-valid-by-id-wins [SEC-002]",
                        "exc-no-findings-scope-waives-every-finding [SEC-002]",
                        "exc-scope-service-wildcard-applied [SEC-002]",
                        "exc-two-exceptions-two-findings-both-applied [SEC-002]",
                        "exc-validity-exactly-90d-applied [SEC-002]",
                        "rng-every-cap-applies-in-order [SEC-002]",
                        "rng-two-exception-caps-in-id-order [SEC-002]",
                        "rsk-001-risk-names-applied-exception-ok [RSK-001, SEC-002]",
                        "rsk-001-risk-names-unused-exception-ok [RSK-001]",
                        "worked-example [RSK-001, SEC-002]"),
                flips.stream().sorted().toList());
    }

    @Test
    void whenTheRulebaseIsTheSameThenNothingChanges() throws IOException {
        ReplayReport r = Replay.run(Fixtures.ENGINE, Fixtures.ENGINE, Replay.fixtures(TestPaths.fixtures()));
        assertEquals(0, r.flips());
        assertEquals(List.of(), r.changed());
    }

    @Test
    void whenRunOnOneThreadOrFourThenTheReportIsByteIdentical() throws IOException {
        Replay.Corpus corpus = Replay.fixtures(TestPaths.fixtures());
        assertEquals(
                Json.pretty(Replay.run(Fixtures.ENGINE, candidate, corpus, 1)),
                Json.pretty(Replay.run(Fixtures.ENGINE, candidate, corpus, 4)));
    }

    @Test
    void whenTheCorpusIsADecisionLogThenTheSameCasesFlip() throws IOException {
        Path log = tmp.resolve("decisions.jsonl");
        for (String name : PINNED) {
            Path d = TestPaths.fixtures().resolve(name);
            EvaluationInput input =
                    Inputs.read(d.resolve("evidence.json"), d.resolve("readback.json"), d.resolve("exceptions"));
            DecisionLog.append(log, input, Fixtures.AT, Fixtures.ENGINE.evaluate(input, Fixtures.AT));
        }
        ReplayReport r = Replay.run(Fixtures.ENGINE, candidate, Replay.load(log));
        assertEquals(3, r.cases());
        assertEquals(List.of(), r.skipped());
        assertEquals(List.of("line 3 gpu-node-agent 2.8.0 -> production"), r.flipped());
        assertEquals(3, r.changed().size());
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
