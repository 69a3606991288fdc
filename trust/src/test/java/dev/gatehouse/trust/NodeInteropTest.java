package dev.gatehouse.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.model.PromotionDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our envelopes interoperate with an implementation that is not ours: Node's crypto verifies our signature over
 * the DSSE PAE (which the script computes itself, from the spec), and an envelope Node signs passes our verify.
 * Both key types. Fails, never skips, without node.
 */
class NodeInteropTest {
    /** Verifies every signature of an envelope with a public key: prints true/false per signature. */
    static final String VERIFY = """
            const crypto = require('crypto'), fs = require('fs');
            const env = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
            const key = crypto.createPublicKey(fs.readFileSync(process.argv[2]));
            const payload = Buffer.from(env.payload, 'base64'), type = Buffer.from(env.payloadType, 'utf8');
            const pae = Buffer.concat([Buffer.from('DSSEv1 ' + type.length + ' '), type,
              Buffer.from(' ' + payload.length + ' '), payload]);
            const alg = key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
            const keyid = 'sha256:' + crypto.createHash('sha256').update(key.export({type: 'spki', format: 'der'})).digest('hex');
            console.log(env.signatures.map(s => s.keyid === keyid && crypto.verify(alg, pae, key, Buffer.from(s.sig, 'base64'))).join(','));
            """;

    /** Signs a payload file as a DSSE envelope with a PKCS#8 private key: prints the envelope. */
    static final String SIGN = """
            const crypto = require('crypto'), fs = require('fs');
            const payload = fs.readFileSync(process.argv[1]);
            const key = crypto.createPrivateKey(fs.readFileSync(process.argv[2]));
            const type = 'application/vnd.in-toto+json', t = Buffer.from(type);
            const pae = Buffer.concat([Buffer.from('DSSEv1 ' + t.length + ' '), t, Buffer.from(' ' + payload.length + ' '), payload]);
            const alg = key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
            const keyid = 'sha256:' + crypto.createHash('sha256')
              .update(crypto.createPublicKey(key).export({type: 'spki', format: 'der'})).digest('hex');
            console.log(JSON.stringify({payload: payload.toString('base64'), payloadType: type,
              signatures: [{keyid, sig: crypto.sign(alg, pae, key).toString('base64')}]}));
            """;

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> nodeVerifiesOurEnvelopesAndWeVerifyNodes() throws Exception {
        EvaluationInput input = TestKeys.workedInput();
        PromotionDecision decision = TestKeys.workedDecision();
        return Stream.of(Keys.Algorithm.values())
                .map(a -> DynamicTest.dynamicTest(a.wireName(), () -> {
                    TestKeys.Pair k = TestKeys.write(tmp, a.wireName(), a);
                    TestKeys.Pair other = TestKeys.write(tmp, a.wireName() + "-other", a);
                    Path ours = tmp.resolve(a.wireName() + ".att.json");
                    Files.write(ours, Attestations.signedJson(input, decision, k.signing()));
                    assertEquals(
                            "true",
                            TestKeys.node(
                                    VERIFY,
                                    List.of(ours.toString(), k.publicPem().toString())));
                    assertEquals(
                            "false",
                            TestKeys.node(
                                    VERIFY,
                                    List.of(ours.toString(), other.publicPem().toString())),
                            "node must reject our envelope under another key, or the check above proves nothing");

                    Path payload = tmp.resolve(a.wireName() + ".statement.json");
                    Files.write(payload, Attestations.statementBytes(input, decision));
                    byte[] theirs = TestKeys.node(
                                    SIGN,
                                    List.of(payload.toString(), k.privatePem().toString()))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    AttestationVerifier.Request request = new AttestationVerifier.Request(
                            TestKeys.ARTIFACT,
                            "production",
                            Duration.ofHours(1),
                            Instant.parse("2026-11-28T12:30:00Z"));
                    assertNull(AttestationVerifier.verify(theirs, "node.json", k.verification(), request)
                            .problem());
                    if (a == Keys.Algorithm.ECDSA_P256) {
                        // WebCrypto's encoding (IEEE P1363 r || s) is accepted too
                        byte[] p1363 = TestKeys.node(
                                        SIGN.replace(
                                                "crypto.sign(alg, pae, key)",
                                                "crypto.sign(alg, pae, {key, dsaEncoding: 'ieee-p1363'})"),
                                        List.of(
                                                payload.toString(),
                                                k.privatePem().toString()))
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        assertEquals(
                                64,
                                Dsse.parse(p1363, "p1363.json")
                                        .signatures()
                                        .get(0)
                                        .sig()
                                        .length);
                        assertNull(AttestationVerifier.verify(p1363, "p1363.json", k.verification(), request)
                                .problem());
                    }
                    assertEquals(
                            "no signature verifies with key "
                                    + other.verification().keyId() + ": signed by "
                                    + k.verification().keyId(),
                            AttestationVerifier.verify(theirs, "node.json", other.verification(), request)
                                    .problem());
                }));
    }
}
