package dev.gatehouse.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.model.PromotionDecision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed decisions: the statement says what the issue asks, both key types round trip, Ed25519 envelopes are
 * byte-identical for the same decision and key, and every forgery or mismatch fails with its reason.
 */
class AttestationTest {
    static final String PASSED_AT_13 = "2026-11-28T13:00:00Z";

    @TempDir
    static Path tmp;

    static TestKeys.Pair ed;
    static TestKeys.Pair ec;
    static TestKeys.Pair other;
    static EvaluationInput input;
    static PromotionDecision decision;

    @BeforeAll
    static void keys() throws Exception {
        ed = TestKeys.write(tmp, "ed", Keys.Algorithm.ED25519);
        ec = TestKeys.write(tmp, "ec", Keys.Algorithm.ECDSA_P256);
        other = TestKeys.write(tmp, "other", Keys.Algorithm.ED25519);
        input = TestKeys.workedInput();
        decision = TestKeys.workedDecision();
    }

    static AttestationVerifier.Request request(String digest, String env, Duration maxAge, String at) {
        return new AttestationVerifier.Request(digest, env, maxAge, Instant.parse(at));
    }

    static AttestationVerifier.Request ok() {
        return request(TestKeys.ARTIFACT, "production", Duration.ofHours(24), PASSED_AT_13);
    }

    @Test
    void theStatementIsAnInTotoVsaAboutTheArtifactsWithThePolicyAndInputDigests() {
        ObjectNode st = Attestations.statement(input, decision);
        assertEquals("https://in-toto.io/Statement/v1", st.get("_type").asText());
        assertEquals(
                "https://slsa.dev/verification_summary/v1",
                st.get("predicateType").asText());
        assertEquals(
                TestKeys.ARTIFACT.substring(7),
                st.at("/subject/0/digest/sha256").asText());
        assertEquals(
                "registry.gpuaas.internal/platform/node-agent",
                st.at("/subject/0/name").asText());
        JsonNode p = st.get("predicate");
        assertEquals(
                "https://github.com/gatehouse/gatehouse", p.at("/verifier/id").asText());
        assertEquals(
                decision.provenance().engineVersion(),
                p.at("/verifier/version/gatehouse").asText());
        assertEquals("2026-11-28T12:00:00Z", p.get("timeVerified").asText());
        assertEquals(
                "gatehouse:release/gpu-node-agent@2.8.0?commit=3f2a9c1d7e4b5a6f8091a2b3c4d5e6f708192a3b",
                p.get("resourceUri").asText());
        assertEquals(
                decision.provenance().rulebaseDigest(),
                "sha256:" + p.at("/policy/digest/sha256").asText());
        assertEquals(
                List.of("evidence", "readback", "exception/EXC-2026-031"),
                p.get("inputAttestations").findValuesAsText("name"));
        // each input digest is sha256 of the document's RFC 8785 form
        assertEquals(
                Attestations.sha256(Attestations.jcs(
                        dev.gatehouse.internal.InputReading.documents(input).evidence())),
                "sha256:" + p.at("/inputAttestations/0/digest/sha256").asText());
        assertEquals("PASSED", p.get("verificationResult").asText());
        assertEquals(
                "production",
                p.at("/" + Attestations.PROMOTION.replace("/", "~1") + "/environment")
                        .asText());
        assertEquals(
                2,
                p.at("/" + Attestations.PROMOTION.replace("/", "~1") + "/ring/allowed")
                        .asInt());
    }

    @Test
    void ed25519EnvelopesAreByteIdenticalForTheSameDecisionAndKey() {
        assertArrayEquals(
                Attestations.signedJson(input, decision, ed.signing()),
                Attestations.signedJson(input, TestKeys.workedDecision(), ed.signing()));
    }

    @TestFactory
    Stream<DynamicTest> bothKeyTypesRoundTrip() {
        return Stream.of(ed, ec)
                .map(k -> DynamicTest.dynamicTest(k.signing().algorithm().wireName(), () -> {
                    byte[] env = Attestations.signedJson(input, decision, k.signing());
                    AttestationVerifier.Result r = AttestationVerifier.verify(env, "att.json", k.verification(), ok());
                    assertNull(r.problem());
                    assertEquals(
                            TestKeys.ARTIFACT + " PASSED for production (ring 2): gpu-node-agent 2.8.0, verified at "
                                    + "2026-11-28T12:00:00Z under rulebase "
                                    + decision.provenance().rulebaseDigest() + ", signed by "
                                    + k.verification().keyId(),
                            r.summary());
                }));
    }

    /** An envelope edit: the envelope's JSON tree in, the forged one out. */
    static byte[] edit(byte[] envelope, UnaryOperator<ObjectNode> change) throws Exception {
        ObjectNode tree = (ObjectNode) Dsse.STRICT.readTree(envelope);
        return Dsse.STRICT.writeValueAsBytes(change.apply(tree));
    }

    static ObjectNode payload(ObjectNode env, UnaryOperator<ObjectNode> change) {
        try {
            ObjectNode st = (ObjectNode) Dsse.STRICT.readTree(
                    Base64.getDecoder().decode(env.get("payload").asText()));
            env.put("payload", Base64.getEncoder().encodeToString(Attestations.jcs(change.apply(st))));
            return env;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyForgeryAndMismatchFailsWithItsReason() throws Exception {
        byte[] good = Attestations.signedJson(input, decision, ed.signing());
        EvaluationInput blockedInput = dev.gatehouse.Inputs.read(
                TestKeys.worked().resolve("evidence.json"), TestKeys.worked().resolve("readback.json"), null);
        PromotionDecision blocked = TestKeys.engine().evaluate(blockedInput, TestKeys.AT);
        String edId = ed.verification().keyId();
        record Case(
                String name,
                byte[] envelope,
                Keys.VerificationKey key,
                AttestationVerifier.Request request,
                String problem) {}
        List<Case> cases = List.of(
                new Case(
                        "signed by another key",
                        Attestations.signedJson(input, decision, other.signing()),
                        ed.verification(),
                        ok(),
                        "no signature verifies with key " + edId + ": signed by "
                                + other.verification().keyId()),
                new Case(
                        "another key's signature relabelled with our key id",
                        edit(Attestations.signedJson(input, decision, other.signing()), e -> {
                            ((ObjectNode) e.get("signatures").get(0)).put("keyid", edId);
                            return e;
                        }),
                        ed.verification(),
                        ok(),
                        "the signature of key " + edId
                                + " does not verify: the envelope was changed after it was signed, "
                                + "or the signature was forged"),
                new Case(
                        "payload edited: FAILED turned into PASSED",
                        edit(
                                Attestations.signedJson(blockedInput, blocked, ed.signing()),
                                e -> payload(e, st -> {
                                    ((ObjectNode) st.get("predicate")).put("verificationResult", "PASSED");
                                    return st;
                                })),
                        ed.verification(),
                        ok(),
                        "the signature of key " + edId
                                + " does not verify: the envelope was changed after it was signed, "
                                + "or the signature was forged"),
                new Case(
                        "payload type changed",
                        edit(good, e -> e.put("payloadType", "application/json")),
                        ed.verification(),
                        ok(),
                        "the payload type is application/json, not application/vnd.in-toto+json: not an in-toto attestation"),
                new Case(
                        "signatures removed",
                        edit(good, e -> {
                            e.putArray("signatures");
                            return e;
                        }),
                        ed.verification(),
                        ok(),
                        "the envelope is unsigned (no signatures)"),
                new Case(
                        "another artifact",
                        good,
                        ed.verification(),
                        request("sha256:" + "0".repeat(64), "production", Duration.ofHours(24), PASSED_AT_13),
                        "sha256:" + "0".repeat(64) + " is not a subject of the attestation (its subjects: "
                                + TestKeys.ARTIFACT + ")"),
                new Case(
                        "not eligible",
                        Attestations.signedJson(blockedInput, blocked, ed.signing()),
                        ed.verification(),
                        ok(),
                        "the verification result is FAILED (blocking: RSK-001, SEC-002)"),
                new Case(
                        "another environment",
                        good,
                        ed.verification(),
                        request(TestKeys.ARTIFACT, "staging", Duration.ofHours(24), PASSED_AT_13),
                        "the attestation is for environment production, not staging"),
                new Case(
                        "too old",
                        good,
                        ed.verification(),
                        request(TestKeys.ARTIFACT, "production", Duration.ofHours(24), "2026-11-29T12:00:01Z"),
                        "the attestation is too old: verified at 2026-11-28T12:00:00Z, 1d1s before 2026-11-29T12:00:01Z, "
                                + "more than the maximum age 1d"),
                new Case(
                        "from the future",
                        good,
                        ed.verification(),
                        request(TestKeys.ARTIFACT, "production", Duration.ofHours(24), "2026-11-28T11:54:59Z"),
                        "timeVerified 2026-11-28T12:00:00Z is after the verification time 2026-11-28T11:54:59Z "
                                + "(by more than the 5 min clock skew)"));
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    AttestationVerifier.Result r =
                            AttestationVerifier.verify(c.envelope(), "att.json", c.key(), c.request());
                    assertEquals(c.problem(), r.problem());
                }));
    }

    @Test
    void duringARotationEitherKeyIsAcceptedAndTheSignerIsNamed() throws Exception {
        byte[] byEc = Attestations.signedJson(input, decision, ec.signing());
        AttestationVerifier.Result r =
                AttestationVerifier.verify(byEc, "a", List.of(ed.verification(), ec.verification()), ok());
        assertNull(r.problem());
        assertEquals(true, r.summary().endsWith("signed by " + ec.verification().keyId()), r.summary());
        assertEquals(
                "no signature verifies with keys " + ed.verification().keyId() + ", "
                        + ec.verification().keyId() + ": signed by "
                        + other.verification().keyId(),
                AttestationVerifier.verify(
                                Attestations.signedJson(input, decision, other.signing()),
                                "a",
                                List.of(ed.verification(), ec.verification()),
                                ok())
                        .problem());
    }

    @Test
    void justWithinTheLimitsPasses() throws Exception {
        byte[] good = Attestations.signedJson(input, decision, ed.signing());
        assertNull(AttestationVerifier.verify(
                        good,
                        "a",
                        ed.verification(),
                        request(TestKeys.ARTIFACT, null, Duration.ofHours(24), "2026-11-29T12:00:00Z"))
                .problem());
        assertNull(AttestationVerifier.verify(
                        good,
                        "a",
                        ed.verification(),
                        request(TestKeys.ARTIFACT, null, Duration.ofHours(24), "2026-11-28T11:55:00Z"))
                .problem());
    }

    @TestFactory
    Stream<DynamicTest> malformedEnvelopesNameTheFileAndPointer() throws Exception {
        byte[] good = Attestations.signedJson(input, decision, ed.signing());
        byte[] notJsonPayload = Dsse.sign(Dsse.IN_TOTO, "not json".getBytes(StandardCharsets.UTF_8), ed.signing())
                .toJson();
        record Case(String name, byte[] envelope, String message) {}
        List<Case> cases = List.of(
                new Case(
                        "not JSON",
                        "{\"payload\" 1}".getBytes(StandardCharsets.UTF_8),
                        "att.json: not JSON: Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value"),
                new Case(
                        "an array",
                        "[]".getBytes(StandardCharsets.UTF_8),
                        "att.json: /: a DSSE envelope is a JSON object"),
                new Case(
                        "no payload",
                        edit(good, e -> {
                            e.remove("payload");
                            return e;
                        }),
                        "att.json: /payload: required"),
                new Case(
                        "payload not base64",
                        edit(good, e -> e.put("payload", "%%%")),
                        "att.json: /payload: not base64: Illegal base64 character 25"),
                new Case(
                        "signature not an object",
                        edit(good, e -> {
                            e.putArray("signatures").add(1);
                            return e;
                        }),
                        "att.json: /signatures/0: a signature is an object {keyid, sig}"),
                new Case(
                        "sig a number",
                        edit(good, e -> {
                            ((ObjectNode) e.get("signatures").get(0)).put("sig", 5);
                            return e;
                        }),
                        "att.json: /signatures/0/sig: must be a string"),
                new Case(
                        "duplicate member",
                        "{\"payload\":\"\",\"payload\":\"\"}".getBytes(StandardCharsets.UTF_8),
                        "att.json: not JSON: Duplicate field 'payload'"),
                new Case(
                        "signed payload that is not JSON",
                        notJsonPayload,
                        "att.json: /payload: the signed statement is not JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"));
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Malformed m = assertThrows(
                            Malformed.class,
                            () -> AttestationVerifier.verify(c.envelope(), "att.json", ed.verification(), ok()));
                    assertEquals(c.message(), m.getMessage());
                }));
    }

    @Test
    void paeIsTheSpecsEncoding() {
        // The DSSE specification's own example.
        assertEquals(
                "DSSEv1 29 http://example.com/HelloWorld 11 hello world",
                new String(
                        Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8));
    }
}
