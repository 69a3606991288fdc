package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.trust.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** evaluate --attest and verify: exit codes and the first line of stderr, for each way a check passes or fails. */
class TrustCliTest {
    static final Path WORKED = CliRun.ROOT.resolve("fixtures/worked-example");
    static final String DIGEST = "sha256:9b8e7f6a5d4c3b2a19081726354453627180918a7b6c5d4e3f2a1b0c9d8e7f6a";

    @TempDir
    static Path tmp;

    /** Writes a test-only key pair as name.pem / name.pub. */
    static void keys(String name, Keys.Algorithm a) throws Exception {
        KeyPair kp = Keys.generate(a);
        Files.writeString(
                tmp.resolve(name + ".pem"),
                Keys.pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        Files.writeString(
                tmp.resolve(name + ".pub"),
                Keys.pem("PUBLIC KEY", kp.getPublic().getEncoded()));
    }

    static String t(String name) {
        return tmp.resolve(name).toString();
    }

    static List<String> evaluate(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "evaluate",
                "--evidence",
                WORKED.resolve("evidence.json").toString(),
                "--readback",
                WORKED.resolve("readback.json").toString(),
                "--exceptions",
                WORKED.resolve("exceptions").toString(),
                "--at",
                "2026-11-28T12:00:00Z",
                "--output",
                t("decision.json")));
        args.addAll(List.of(more));
        return args;
    }

    @BeforeAll
    static void attest() throws Exception {
        keys("ed", Keys.Algorithm.ED25519);
        keys("ec", Keys.Algorithm.ECDSA_P256);
        assertEquals(
                0,
                CliRun.of(evaluate("--attest", t("ed.att.json"), "--signing-key", t("ed.pem"))
                                .toArray(String[]::new))
                        .exit());
        assertEquals(
                0,
                CliRun.of(evaluate("--attest", t("ec.att.json"), "--signing-key", t("ec.pem"))
                                .toArray(String[]::new))
                        .exit());
        Files.writeString(tmp.resolve("garbage.json"), "{\"payload\": 5}", StandardCharsets.UTF_8);
        CliRun built = CliRun.of(
                "bundle",
                "build",
                "--rules",
                CliRun.ROOT.resolve("rules").toString(),
                "--key",
                t("ed.pem"),
                "-o",
                t("rules.bundle"));
        assertEquals(0, built.exit(), built.err());
    }

    @TestFactory
    Stream<DynamicTest> bundleOptionsAreCheckedAndABundleDecides() {
        record Case(String name, List<String> args, int exit, String stderrFirst) {}
        String bundle = t("rules.bundle");
        List<Case> cases = List.of(
                new Case(
                        "evaluate with a verified bundle", evaluate("--bundle", bundle, "--trust", t("ed.pub")), 0, ""),
                new Case(
                        "test with a verified bundle",
                        List.of(
                                "test",
                                "--bundle",
                                bundle,
                                "--trust",
                                t("ed.pub"),
                                "--fixtures",
                                CliRun.ROOT.resolve("fixtures").toString()),
                        0,
                        ""),
                new Case(
                        "replay with a verified bundle",
                        List.of(
                                "replay",
                                "--bundle",
                                bundle,
                                "--trust",
                                t("ed.pub"),
                                "--corpus",
                                CliRun.ROOT.resolve("fixtures").toString()),
                        0,
                        ""),
                new Case(
                        "bundle verify",
                        List.of("bundle", "verify", "--bundle", bundle, "--trust", t("ed.pub")),
                        0,
                        ""),
                new Case(
                        "key rotation: a bundle of either trusted key",
                        evaluate("--bundle", bundle, "--trust", t("ec.pub"), "--trust", t("ed.pub")),
                        0,
                        ""),
                new Case(
                        "another key",
                        evaluate("--bundle", bundle, "--trust", t("ec.pub")),
                        2,
                        "gatehouse: refusing the rule bundle " + bundle
                                + ": not signed by the trusted key: no signature verifies with key "),
                new Case(
                        "bundle verify with another key",
                        List.of("bundle", "verify", "--bundle", bundle, "--trust", t("ec.pub")),
                        2,
                        "gatehouse: refusing the rule bundle " + bundle
                                + ": not signed by the trusted key: no signature verifies with key "),
                new Case(
                        "no --trust",
                        evaluate("--bundle", bundle),
                        2,
                        "gatehouse: --bundle needs --trust PUB (the key its signature "
                                + "must verify with), or --insecure-skip-verify to use it unverified"),
                new Case(
                        "--trust without --bundle",
                        evaluate("--trust", t("ed.pub")),
                        2,
                        "gatehouse: --trust needs --bundle FILE"),
                new Case(
                        "--bundle and --rules",
                        evaluate(
                                "--bundle",
                                bundle,
                                "--trust",
                                t("ed.pub"),
                                "--rules",
                                CliRun.ROOT.resolve("rules").toString()),
                        2,
                        "gatehouse: --bundle and --rules name two rulebases: give one"),
                new Case(
                        "--trust and --insecure-skip-verify",
                        evaluate("--bundle", bundle, "--trust", t("ed.pub"), "--insecure-skip-verify"),
                        2,
                        "gatehouse: --trust and --insecure-skip-verify contradict each other: give one"),
                new Case(
                        "--insecure-skip-verify warns",
                        evaluate("--bundle", bundle, "--insecure-skip-verify"),
                        0,
                        "gatehouse: warning: the rule bundle " + bundle + " is used without verifying its signature "
                                + "(--insecure-skip-verify); the decision's provenance records that"),
                new Case(
                        "a folder is not a bundle",
                        evaluate("--bundle", tmp.toString(), "--trust", t("ed.pub")),
                        2,
                        "gatehouse: refusing the rule bundle " + tmp + ": not a regular file"),
                new Case(
                        "bundle build of rules that do not exist",
                        List.of("bundle", "build", "--rules", t("nowhere"), "--key", t("ed.pem"), "-o", t("x.bundle")),
                        2,
                        t("nowhere") + ": missing-rulebase-file: cannot read the rulebase: not a folder: "
                                + t("nowhere")));
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    CliRun r = CliRun.of(c.args().toArray(String[]::new));
                    String first = r.err().lines().findFirst().orElse("");
                    assertEquals(c.exit(), r.exit(), r.err());
                    if (c.stderrFirst().isEmpty()) {
                        assertEquals("", r.err());
                    } else {
                        assertEquals(true, first.startsWith(c.stderrFirst()), first);
                    }
                }));
    }

    @org.junit.jupiter.api.Test
    void anAttestationOfADecisionUnderAnUnverifiedBundleDoesNotVerify() throws Exception {
        CliRun r = CliRun.of(evaluate(
                        "--bundle",
                        t("rules.bundle"),
                        "--insecure-skip-verify",
                        "--attest",
                        t("insecure.att.json"),
                        "--signing-key",
                        t("ed.pem"))
                .toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        CliRun v = CliRun.of(
                "verify",
                "--attestation",
                t("insecure.att.json"),
                "--key",
                t("ed.pub"),
                "--digest",
                DIGEST,
                "--at",
                "2026-11-28T13:00:00Z");
        assertEquals(
                "1 gatehouse: not verified: " + t("insecure.att.json")
                        + ": the decision was made with a rule bundle whose "
                        + "signature was not verified (--insecure-skip-verify): its rules are not known to be the approved ones\n",
                v.exit() + " " + v.err());
    }

    @org.junit.jupiter.api.Test
    void theDecisionAndItsAttestationNameTheBundleAndItsSigner() throws Exception {
        CliRun r = CliRun.of(evaluate(
                        "--bundle",
                        t("rules.bundle"),
                        "--trust",
                        t("ed.pub"),
                        "--attest",
                        t("b.att.json"),
                        "--signing-key",
                        t("ed.pem"))
                .toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        com.fasterxml.jackson.databind.JsonNode d = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(tmp.resolve("decision.json").toFile());
        String signer = Keys.readVerificationKey(tmp.resolve("ed.pub")).keyId();
        String digest = "sha256:"
                + java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(Files.readAllBytes(tmp.resolve("rules.bundle"))));
        assertEquals(
                "{\"digest\":\"" + digest + "\",\"signer\":\"" + signer + "\",\"insecureSkipVerify\":false}",
                d.at("/provenance/bundle").toString());
        com.fasterxml.jackson.databind.JsonNode env = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(tmp.resolve("b.att.json").toFile());
        com.fasterxml.jackson.databind.JsonNode st = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                        java.util.Base64.getDecoder().decode(env.get("payload").asText()));
        assertEquals(
                "{\"bundleDigest\":\"" + digest + "\",\"bundleSigner\":\"" + signer
                        + "\",\"insecureSkipVerify\":false}",
                st.at("/predicate/policy/annotations").toString());
    }

    @TestFactory
    Stream<DynamicTest> verifyAndEvaluateAttestExitWithTheirReason() {
        record Case(String name, List<String> args, int exit, String stderrFirst) {}
        String at = "2026-11-28T13:00:00Z";
        List<Case> cases = List.of(
                new Case(
                        "ed25519: verified",
                        List.of(
                                "verify",
                                "--attestation",
                                t("ed.att.json"),
                                "--key",
                                t("ed.pub"),
                                "--digest",
                                DIGEST,
                                "--environment",
                                "production",
                                "--at",
                                at),
                        0,
                        ""),
                new Case(
                        "ecdsa p-256: verified",
                        List.of(
                                "verify",
                                "--attestation",
                                t("ec.att.json"),
                                "--key",
                                t("ec.pub"),
                                "--digest",
                                DIGEST,
                                "--environment",
                                "production",
                                "--max-age",
                                "1h",
                                "--at",
                                at),
                        0,
                        ""),
                new Case(
                        "key rotation: the old and the new key",
                        List.of(
                                "verify",
                                "--attestation",
                                t("ed.att.json"),
                                "--key",
                                t("ec.pub"),
                                "--key",
                                t("ed.pub"),
                                "--digest",
                                DIGEST,
                                "--at",
                                at),
                        0,
                        ""),
                new Case(
                        "another key",
                        List.of(
                                "verify",
                                "--attestation",
                                t("ed.att.json"),
                                "--key",
                                t("ec.pub"),
                                "--digest",
                                DIGEST,
                                "--at",
                                at),
                        1,
                        "gatehouse: not verified: " + t("ed.att.json") + ": no signature verifies"),
                new Case(
                        "another environment",
                        List.of(
                                "verify",
                                "--attestation",
                                t("ed.att.json"),
                                "--key",
                                t("ed.pub"),
                                "--digest",
                                DIGEST,
                                "--environment",
                                "staging",
                                "--at",
                                at),
                        1,
                        "gatehouse: not verified: " + t("ed.att.json")
                                + ": the attestation is for environment production, not staging"),
                new Case(
                        "too old for --max-age",
                        List.of(
                                "verify",
                                "--attestation",
                                t("ed.att.json"),
                                "--key",
                                t("ed.pub"),
                                "--digest",
                                DIGEST,
                                "--max-age",
                                "30m",
                                "--at",
                                at),
                        1,
                        "gatehouse: not verified: " + t("ed.att.json")
                                + ": the attestation is too old: verified at 2026-11-28T12:00:00Z, 1h before 2026-11-28T13:00:00Z, more than the maximum age 30m"),
                new Case(
                        "a malformed attestation",
                        List.of("verify", "--attestation", t("garbage.json"), "--key", t("ed.pub"), "--digest", DIGEST),
                        2,
                        "gatehouse: " + t("garbage.json") + ": /payload: must be a string"),
                new Case(
                        "a missing attestation",
                        List.of("verify", "--attestation", t("none.json"), "--key", t("ed.pub"), "--digest", DIGEST),
                        2,
                        "gatehouse: " + t("none.json") + ": no such file (an attestation)"),
                new Case(
                        "a bad digest",
                        List.of(
                                "verify",
                                "--attestation",
                                t("ed.att.json"),
                                "--key",
                                t("ed.pub"),
                                "--digest",
                                "sha256:ABC"),
                        2,
                        "gatehouse: --digest: the digest must be sha256: and 64 lower-case hex characters, not sha256:ABC"),
                new Case(
                        "a bad --max-age",
                        List.of(
                                "verify",
                                "--attestation",
                                t("ed.att.json"),
                                "--key",
                                t("ed.pub"),
                                "--digest",
                                DIGEST,
                                "--max-age",
                                "1 day"),
                        2,
                        "gatehouse: --max-age: '1 day' is not a duration such as 24h, 30m, 7d or 90s"),
                new Case(
                        "the private key as --key",
                        List.of("verify", "--attestation", t("ed.att.json"), "--key", t("ed.pem"), "--digest", DIGEST),
                        2,
                        "gatehouse: --key: " + t("ed.pem")
                                + ": a private key where a public key is expected: give its public key (openssl pkey -in KEY -pubout)"),
                new Case(
                        "--attest without --signing-key",
                        evaluate("--attest", t("x.json")),
                        2,
                        "gatehouse: --attest needs --signing-key KEY (the private key that signs it)"),
                new Case(
                        "--signing-key that is a public key",
                        evaluate("--attest", t("x.json"), "--signing-key", t("ed.pub")),
                        2,
                        "gatehouse: --signing-key: " + t("ed.pub") + ": a public key where a private key is expected"),
                new Case(
                        "--attest onto the signing key",
                        evaluate("--attest", t("ed.pem"), "--signing-key", t("ed.pem")),
                        2,
                        "gatehouse: --attest " + t("ed.pem") + " is the signing key " + t("ed.pem")
                                + ": refusing to overwrite an input"));
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    CliRun r = CliRun.of(c.args().toArray(String[]::new));
                    String first = r.err().lines().findFirst().orElse("");
                    assertEquals(c.exit(), r.exit(), r.err());
                    if (c.stderrFirst().isEmpty()) {
                        assertEquals("", r.err());
                    } else {
                        assertEquals(true, first.startsWith(c.stderrFirst()), first);
                    }
                }));
    }
}
