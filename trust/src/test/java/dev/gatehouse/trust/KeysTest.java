package dev.gatehouse.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Keys: both algorithms round trip through PEM, the key id is sha256 of the SPKI DER, and bad key files are named. */
class KeysTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> eachAlgorithmRoundTripsThroughPemAndSignsWhatItsPublicKeyVerifies() {
        return Stream.of(Keys.Algorithm.values())
                .map(a -> DynamicTest.dynamicTest(a.wireName(), () -> {
                    TestKeys.Pair pair = TestKeys.write(tmp, a.wireName(), a);
                    assertEquals(a, pair.signing().algorithm());
                    assertEquals(a, pair.verification().algorithm());
                    // the key id derived from the private key equals the public key file's, and is sha256 of the SPKI
                    // DER
                    byte[] spki = java.util.Base64.getMimeDecoder()
                            .decode(Files.readString(pair.publicPem()).replaceAll("-----[A-Z ]+-----", ""));
                    String expected = "sha256:"
                            + HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(spki));
                    assertEquals(expected, pair.signing().keyId());
                    assertEquals(expected, pair.verification().keyId());
                    byte[] message = "promote".getBytes(StandardCharsets.UTF_8);
                    byte[] sig = pair.signing().sign(message);
                    assertTrue(pair.verification().verifies(message, sig));
                    assertFalse(pair.verification().verifies("promotE".getBytes(StandardCharsets.UTF_8), sig));
                    assertFalse(
                            pair.verification().verifies(message, new byte[] {1, 2, 3}),
                            "a malformed signature does not verify");
                    TestKeys.Pair other = TestKeys.write(tmp, a.wireName() + "-other", a);
                    assertFalse(other.verification().verifies(message, sig));
                }));
    }

    @TestFactory
    Stream<DynamicTest> badKeyFilesAreRefusedWithTheirReason() throws Exception {
        TestKeys.Pair ed = TestKeys.write(tmp, "ed", Keys.Algorithm.ED25519);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        java.security.KeyPair p384 = g.generateKeyPair();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        record Case(String name, String content, boolean wantPrivate, String message) {}
        List<Case> cases = List.of(
                new Case("empty", "", true, "not a PEM file (no -----BEGIN PRIVATE KEY----- line)"),
                new Case(
                        "a public key given as the signing key",
                        Files.readString(ed.publicPem()),
                        true,
                        "a public key where a private key is expected"),
                new Case(
                        "a private key given as the public key",
                        Files.readString(ed.privatePem()),
                        false,
                        "a private key where a public key is expected: give its public key (openssl pkey -in KEY -pubout)"),
                new Case(
                        "SEC1 EC key",
                        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n",
                        true,
                        "a SEC1 EC PRIVATE KEY, not PKCS#8: convert it with openssl pkcs8 -topk8 -nocrypt -in KEY"),
                new Case(
                        "encrypted",
                        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
                        true,
                        "an encrypted private key: decrypt it to an unencrypted PKCS#8 PRIVATE KEY"),
                new Case(
                        "two keys",
                        Files.readString(ed.privatePem()) + Files.readString(ed.privatePem()),
                        true,
                        "more than one PEM block; a key file holds one key"),
                new Case(
                        "P-384",
                        Keys.pem("PUBLIC KEY", p384.getPublic().getEncoded()),
                        false,
                        "an ECDSA key on curve P-384; only P-256 (prime256v1) is supported"),
                new Case(
                        "RSA",
                        Keys.pem("PUBLIC KEY", rsa.generateKeyPair().getPublic().getEncoded()),
                        false,
                        "a key of algorithm 1.2.840.113549.1.1.1; only Ed25519 and ECDSA P-256 are supported"),
                new Case(
                        "not base64",
                        "-----BEGIN PUBLIC KEY-----\nA*AA\n-----END PUBLIC KEY-----\n",
                        false,
                        "a malformed PEM PUBLIC KEY block"),
                new Case(
                        "garbage DER",
                        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
                        false,
                        "not an SPKI public key"));
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Path f = tmp.resolve(c.name().replace(' ', '-') + ".pem");
                    Files.writeString(f, c.content(), StandardCharsets.US_ASCII);
                    Keys.KeyException e = assertThrows(Keys.KeyException.class, () -> {
                        if (c.wantPrivate()) {
                            Keys.readSigningKey(f);
                        } else {
                            Keys.readVerificationKey(f);
                        }
                    });
                    String prefix = f + ": ";
                    assertTrue(e.getMessage().startsWith(prefix + c.message()), e.getMessage());
                }));
    }
}
