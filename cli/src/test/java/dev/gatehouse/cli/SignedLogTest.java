package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.trust.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed decision log: every forgery the issue names (and a few more) fails log verify --key with a message naming
 * the line and the reason; both key types round trip; --reevaluate re-decides each line.
 */
class SignedLogTest {
    static final Path WORKED = CliRun.ROOT.resolve("fixtures/worked-example");
    static final ObjectMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path tmp;

    static List<String> lines;
    static String keyId;

    static String t(String name) {
        return tmp.resolve(name).toString();
    }

    static void keys(String name, Keys.Algorithm a) throws Exception {
        KeyPair kp = Keys.generate(a);
        Files.writeString(
                tmp.resolve(name + ".pem"),
                Keys.pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        Files.writeString(
                tmp.resolve(name + ".pub"),
                Keys.pem("PUBLIC KEY", kp.getPublic().getEncoded()));
    }

    /** Appends the worked example (eligible) or, without exceptions, its blocked twin to a log. */
    static void evaluate(String log, String key, String chain, boolean withExceptions) {
        List<String> args = new ArrayList<>(List.of(
                "evaluate",
                "--evidence",
                WORKED.resolve("evidence.json").toString(),
                "--readback",
                WORKED.resolve("readback.json").toString(),
                "--at",
                "2026-11-28T12:00:00Z",
                "--output",
                t("decision.json"),
                "--log",
                log,
                "--log-key",
                key,
                "--log-chain",
                chain));
        if (withExceptions) {
            args.addAll(List.of("--exceptions", WORKED.resolve("exceptions").toString()));
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(withExceptions ? 0 : 1, r.exit(), r.err());
    }

    @BeforeAll
    static void writeLogs() throws Exception {
        keys("ed", Keys.Algorithm.ED25519);
        keys("ec", Keys.Algorithm.ECDSA_P256);
        keys("attacker", Keys.Algorithm.ED25519);
        keyId = Keys.readVerificationKey(tmp.resolve("ed.pub")).keyId();
        for (boolean eligible : new boolean[] {true, false, true}) {
            evaluate(t("signed.jsonl"), t("ed.pem"), "replica-a", eligible);
            evaluate(t("other-chain.jsonl"), t("ed.pem"), "replica-b", eligible);
            evaluate(t("attacker.jsonl"), t("attacker.pem"), "replica-a", eligible);
            evaluate(t("ec.jsonl"), t("ec.pem"), "replica-a", eligible);
        }
        lines = Files.readAllLines(tmp.resolve("signed.jsonl"));
    }

    static String sha256(String line) throws Exception {
        return "sha256:"
                + HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256Unchecked(String line) {
        try {
            return sha256(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String edit(String line, UnaryOperator<ObjectNode> change) throws Exception {
        return JSON.writeValueAsString(change.apply((ObjectNode) JSON.readTree(line)));
    }

    /** Line 2 (not eligible) made eligible: eligible true, no violations. */
    static String forgedLine2() throws Exception {
        return edit(lines.get(1), l -> {
            ObjectNode d = (ObjectNode) l.get("decision");
            d.put("eligible", true);
            d.putArray("violations");
            return l;
        });
    }

    /** Line 3 with prev recomputed over a new line 2. */
    static String rechained3(String line2) throws Exception {
        return lines.get(2).replace(JSON.readTree(lines.get(2)).get("prev").asText(), sha256(line2));
    }

    static String verify(String file, String... more) {
        List<String> args = new ArrayList<>(List.of("log", "verify", file));
        args.addAll(List.of(more));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        return r.exit() + " " + r.out() + r.err();
    }

    @TestFactory
    Stream<DynamicTest> everyForgeryFailsNamingTheLineAndTheReason() throws Exception {
        String l1 = lines.get(0);
        String l2 = lines.get(1);
        String l3 = lines.get(2);
        String forged2 = forgedLine2();
        String head3 = sha256(l3);
        String notVerify = ": broken: its signature does not verify with key " + keyId
                + ": the line was changed, renumbered or re-chained after it was signed\n";
        record Case(String name, List<String> log, List<String> options, String outcome) {}
        List<Case> cases = List.of(
                new Case(
                        "intact",
                        List.of(l1, l2, l3),
                        List.of(),
                        "0 {f}: OK, 3 lines, head " + head3 + ", every line signed by " + keyId
                                + " (chain replica-a)\n"),
                new Case("line 2 made eligible", List.of(l1, forged2, l3), List.of(), "1 {f}:2" + notVerify),
                new Case(
                        "line 2 made eligible and line 3 re-chained (the issue's forgery)",
                        List.of(l1, forged2, rechained3(forged2)),
                        List.of(),
                        "1 {f}:2" + notVerify),
                new Case(
                        "line 2 made eligible, re-chained, its signature removed",
                        List.of(
                                l1,
                                edit(forged2, l -> {
                                    l.remove("sig");
                                    return l;
                                }),
                                rechained3(edit(forged2, l -> {
                                    l.remove("sig");
                                    return l;
                                }))),
                        List.of(),
                        "1 {f}:2: broken: it is not signed: every line of a signed log carries the log key's signature\n"),
                new Case(
                        "line 2 replaced by a line signed with the attacker's key",
                        List.of(
                                l1,
                                Files.readAllLines(tmp.resolve("attacker.jsonl"))
                                        .get(1),
                                l3),
                        List.of(),
                        "1 {f}:2: broken: it does not follow line 1: its prev is "
                                + JSON.readTree(Files.readAllLines(tmp.resolve("attacker.jsonl"))
                                                .get(1))
                                        .get("prev")
                                        .asText()
                                + ", but line 1 (whose signature verifies) has sha256 " + sha256(l1)
                                + ": it was replaced or re-chained\n"),
                new Case(
                        "the whole log rewritten and signed with the attacker's key",
                        Files.readAllLines(tmp.resolve("attacker.jsonl")),
                        List.of(),
                        "1 {f}:1: broken: it is signed by key "
                                + Keys.readVerificationKey(tmp.resolve("attacker.pub"))
                                        .keyId() + ", not by " + keyId + "\n"),
                new Case(
                        "lines 2 and 3 swapped",
                        List.of(l1, l3, l2),
                        List.of(),
                        "1 {f}:2: broken: it says it is line 3: a line before it was deleted or inserted, or lines were reordered\n"),
                new Case(
                        "line 2 deleted",
                        List.of(l1, l3),
                        List.of(),
                        "1 {f}:2: broken: it says it is line 3: a line before it was deleted or inserted, or lines were reordered\n"),
                new Case(
                        "line 2 deleted, line 3 renumbered and re-chained",
                        List.of(
                                l1,
                                l3.replace("\"n\":3", "\"n\":2")
                                        .replace(JSON.readTree(l3).get("prev").asText(), sha256(l1))),
                        List.of(),
                        "1 {f}:2" + notVerify),
                new Case(
                        "the last line edited",
                        List.of(l1, l2, l3.replace("\"eligible\":true", "\"eligible\":false")),
                        List.of(),
                        "1 {f}:3" + notVerify),
                new Case(
                        "the last line deleted, the published head given",
                        List.of(l1, l2),
                        List.of("--expect-head", head3),
                        "1 {f}: broken: the expected head " + head3
                                + " is the head of no line: lines were removed from its end, "
                                + "or it was rewritten (it has 2 lines, head " + sha256(l2) + ")\n"),
                new Case(
                        "lines appended after the published head",
                        List.of(l1, l2, l3),
                        List.of("--expect-head", sha256(l2)),
                        "0 {f}: OK, 3 lines, head " + head3 + ", the expected head is line 2's, every line signed by "
                                + keyId + " (chain replica-a)\n"),
                new Case(
                        "another writer's chain",
                        Files.readAllLines(tmp.resolve("other-chain.jsonl")),
                        List.of("--chain", "replica-a"),
                        "1 {f}:1: broken: it belongs to chain replica-b, not replica-a\n"),
                new Case(
                        "another writer's line spliced in",
                        List.of(
                                l1,
                                Files.readAllLines(tmp.resolve("other-chain.jsonl"))
                                        .get(1)
                                        .replace(
                                                JSON.readTree(Files.readAllLines(tmp.resolve("other-chain.jsonl"))
                                                                .get(1))
                                                        .get("prev")
                                                        .asText(),
                                                sha256(l1))),
                        List.of(),
                        "1 {f}:2: broken: it belongs to chain replica-b, not replica-a (as the lines before it do): lines "
                                + "of another writer's log were spliced in\n"));
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Path f = tmp.resolve(c.name().replaceAll("[^a-z0-9]+", "-") + ".jsonl");
                    Files.writeString(f, String.join("\n", c.log()) + "\n", StandardCharsets.UTF_8);
                    List<String> options = new ArrayList<>(List.of("--key", t("ed.pub")));
                    options.addAll(c.options());
                    assertEquals(
                            c.outcome().replace("{f}", f.toString()),
                            verify(f.toString(), options.toArray(String[]::new)));
                }));
    }

    @Test
    void withoutTheKeyTheRechainedForgeryStillPassesTheChainAloneWhichIsWhatTheKeyAdds() throws Exception {
        String forged2 = forgedLine2();
        Path f = tmp.resolve("unchecked.jsonl");
        String l3 = rechained3(forged2);
        Files.writeString(f, String.join("\n", lines.get(0), forged2, l3) + "\n", StandardCharsets.UTF_8);
        assertEquals(
                "0 " + f + ": OK, 3 lines, head " + sha256(l3) + ", signatures not checked (give --key)\n",
                verify(f.toString()));
    }

    @Test
    void ecdsaSignedLogsVerifyToo() throws Exception {
        List<String> ec = Files.readAllLines(tmp.resolve("ec.jsonl"));
        assertEquals(
                "0 " + t("ec.jsonl") + ": OK, 3 lines, head " + sha256(ec.get(2)) + ", every line signed by "
                        + Keys.readVerificationKey(tmp.resolve("ec.pub")).keyId() + " (chain replica-a)\n",
                verify(t("ec.jsonl"), "--key", t("ec.pub")));
    }

    @Test
    void aSignedLogRefusesAnUnsignedLineOrAnotherChain() throws Exception {
        Files.copy(tmp.resolve("signed.jsonl"), tmp.resolve("append.jsonl"));
        CliRun unsigned = CliRun.of(
                "evaluate",
                "--evidence",
                WORKED.resolve("evidence.json").toString(),
                "--readback",
                WORKED.resolve("readback.json").toString(),
                "--at",
                "2026-11-28T12:00:00Z",
                "--output",
                t("d.json"),
                "--log",
                t("append.jsonl"));
        assertEquals(
                "3 gatehouse: the decision was reported but not logged: cannot append to the decision log "
                        + t("append.jsonl")
                        + ": it is a signed log (chain replica-a): an unsigned line cannot follow; give its key\n",
                unsigned.exit() + " " + unsigned.err());
        CliRun other = CliRun.of(
                "evaluate",
                "--evidence",
                WORKED.resolve("evidence.json").toString(),
                "--readback",
                WORKED.resolve("readback.json").toString(),
                "--at",
                "2026-11-28T12:00:00Z",
                "--output",
                t("d.json"),
                "--log",
                t("append.jsonl"),
                "--log-key",
                t("ed.pem"),
                "--log-chain",
                "replica-b");
        assertEquals(
                "3 gatehouse: the decision was reported but not logged: cannot append to the decision log "
                        + t("append.jsonl")
                        + ": its last line belongs to chain replica-a, not replica-b: each writer keeps its own log\n",
                other.exit() + " " + other.err());
    }

    @Test
    void reevaluateDecidesEveryLineAgainAndReportsADifference() throws Exception {
        String l1 = lines.get(0);
        String head3 = sha256(lines.get(2));
        String digest =
                JSON.readTree(l1).at("/decision/provenance/rulebaseDigest").asText();
        assertEquals(
                "0 " + t("signed.jsonl") + ": OK, 3 lines, head " + head3 + ", every line signed by " + keyId
                        + " (chain replica-a)\n" + t("signed.jsonl") + ": re-evaluated 3 of 3 lines under rulebase "
                        + digest
                        + ": 0 differ, 0 skipped\n",
                verify(t("signed.jsonl"), "--key", t("ed.pub"), "--reevaluate"));
        // An unsigned log whose line 2 was made eligible (the chain redone): the chain holds, the re-decision does not.
        Path f = tmp.resolve("reevaluate.jsonl");
        String unsigned1 = edit(l1, l -> {
            l.remove("sig");
            l.remove("chain");
            return l;
        });
        String forged2 = edit(forgedLine2(), l -> {
            l.remove("sig");
            l.remove("chain");
            l.put("prev", sha256Unchecked(unsigned1));
            return l;
        });
        Files.writeString(f, String.join("\n", unsigned1, forged2) + "\n", StandardCharsets.UTF_8);
        String out = verify(f.toString(), "--reevaluate");
        assertEquals(
                "1 " + f + ":2: differs: recorded eligible true, now false (eligible, violations differ)\n" + f
                        + ": re-evaluated 2 of 2 lines under rulebase " + digest + ": 1 differs, 0 skipped\n",
                out.substring(0, 2) + out.substring(out.indexOf('\n') + 1));
    }
}
