package dev.gatehouse.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Signing and verification keys: Ed25519 and ECDSA P-256, in PEM (a PKCS#8 {@code PRIVATE KEY}, an SPKI
 * {@code PUBLIC KEY}). The JDK signs and verifies; BouncyCastle only reads a private key's algorithm
 * identifier and derives its public key, which the JDK cannot do and the key id needs.
 *
 * <p>A key's id is {@code sha256:} and the hex SHA-256 of its public key's SPKI DER encoding (what
 * {@code openssl pkey -pubin -outform DER | sha256sum} prints for its public PEM), the same for the private
 * key and its public half.
 */
public final class Keys {
    /** The largest key file read (a PEM key is a few hundred bytes). */
    public static final int MAX_KEY_FILE_BYTES = 64 * 1024;

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n([A-Za-z0-9+/=\\r\\n]+?)\\r?\\n?-----END \\1-----");
    private static final Pattern ANY_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    /** id-Ed25519, RFC 8410. */
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private Keys() {}

    /** The two signature algorithms. */
    public enum Algorithm {
        /** Ed25519 (RFC 8032): deterministic signatures over the message itself. */
        ED25519("Ed25519", "Ed25519"),
        /** ECDSA over NIST P-256 with SHA-256; signatures are ASN.1 DER (as DSSE, in-toto, cosign and Node expect). */
        ECDSA_P256("SHA256withECDSA", "EC");

        private final String jcaSignature;
        private final String jcaKey;

        Algorithm(String jcaSignature, String jcaKey) {
            this.jcaSignature = jcaSignature;
            this.jcaKey = jcaKey;
        }

        /** The wire name: {@code ed25519} or {@code ecdsa-p256}. */
        public String wireName() {
            return this == ED25519 ? "ed25519" : "ecdsa-p256";
        }
    }

    /** A private key with its public half, algorithm and key id. */
    public record SigningKey(PrivateKey privateKey, VerificationKey verificationKey) {
        public SigningKey {
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(verificationKey, "verificationKey");
        }

        public String keyId() {
            return verificationKey.keyId();
        }

        public Algorithm algorithm() {
            return verificationKey.algorithm();
        }

        /** Signs a message (Ed25519: deterministic; ECDSA: DER, randomized). */
        public byte[] sign(byte[] message) {
            try {
                Signature s = Signature.getInstance(algorithm().jcaSignature);
                s.initSign(privateKey);
                s.update(message);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(
                        "cannot sign with " + algorithm().wireName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** A public key, its algorithm and its key id. */
    public record VerificationKey(PublicKey publicKey, Algorithm algorithm, String keyId) {
        public VerificationKey {
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(keyId, "keyId");
        }

        /**
         * Whether {@code signature} is this key's signature of {@code message}; false for a malformed signature. An
         * ECDSA signature is ASN.1 DER (what we write); one of exactly 64 bytes that is not DER is also tried as
         * IEEE P1363 {@code r || s}, what WebCrypto writes (DSSE leaves the encoding to the application).
         */
        public boolean verifies(byte[] message, byte[] signature) {
            if (verifies(algorithm.jcaSignature, message, signature)) {
                return true;
            }
            return algorithm == Algorithm.ECDSA_P256
                    && signature.length == 64
                    && verifies("SHA256withECDSAinP1363Format", message, signature);
        }

        private boolean verifies(String jca, byte[] message, byte[] signature) {
            try {
                Signature s = Signature.getInstance(jca);
                s.initVerify(publicKey);
                s.update(message);
                return s.verify(signature);
            } catch (java.security.SignatureException | java.security.InvalidKeyException e) {
                return false; // a signature that is not even well formed (wrong length, bad DER) does not verify
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A key file that cannot be used: unreadable, not PEM, the wrong kind of key, an unsupported algorithm. */
    public static final class KeyException extends Exception {
        private static final long serialVersionUID = 1L;

        public KeyException(String message) {
            super(message);
        }
    }

    /** Reads a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}), Ed25519 or ECDSA P-256. */
    public static SigningKey readSigningKey(Path file) throws KeyException {
        return signingKey(pemBody(file, "PRIVATE KEY"), file.toString());
    }

    /** Reads an SPKI PEM public key ({@code -----BEGIN PUBLIC KEY-----}), Ed25519 or ECDSA P-256. */
    public static VerificationKey readVerificationKey(Path file) throws KeyException {
        return verificationKey(pemBody(file, "PUBLIC KEY"), file.toString());
    }

    /** A signing key from PKCS#8 DER. */
    public static SigningKey signingKey(byte[] pkcs8, String label) throws KeyException {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(pkcs8);
        } catch (RuntimeException e) {
            throw new KeyException(label + ": not a PKCS#8 private key (" + e.getMessage() + ")");
        }
        Algorithm algorithm = algorithm(info.getPrivateKeyAlgorithm(), label);
        try {
            PrivateKey privateKey =
                    KeyFactory.getInstance(algorithm.jcaKey).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            AsymmetricKeyParameter priv = PrivateKeyFactory.createKey(info);
            AsymmetricKeyParameter pub;
            if (priv instanceof Ed25519PrivateKeyParameters ed) {
                pub = ed.generatePublicKey();
            } else if (priv instanceof ECPrivateKeyParameters ec) {
                pub = new ECPublicKeyParameters(
                        new FixedPointCombMultiplier()
                                .multiply(ec.getParameters().getG(), ec.getD()),
                        ec.getParameters());
            } else {
                throw new KeyException(label + ": unsupported private key");
            }
            byte[] spki =
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded();
            return new SigningKey(privateKey, verificationKey(spki, label));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new KeyException(
                    label + ": not a valid " + algorithm.wireName() + " private key (" + e.getMessage() + ")");
        }
    }

    /** A verification key from SPKI DER. */
    public static VerificationKey verificationKey(byte[] spki, String label) throws KeyException {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(spki);
        } catch (RuntimeException e) {
            throw new KeyException(label + ": not an SPKI public key (" + e.getMessage() + ")");
        }
        Algorithm algorithm = algorithm(info.getAlgorithm(), label);
        try {
            PublicKey key = KeyFactory.getInstance(algorithm.jcaKey).generatePublic(new X509EncodedKeySpec(spki));
            return new VerificationKey(key, algorithm, keyId(key));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyException(
                    label + ": not a valid " + algorithm.wireName() + " public key (" + e.getMessage() + ")");
        }
    }

    /** A verification key from a JDK public key (Ed25519 or EC P-256). */
    public static VerificationKey verificationKey(PublicKey key) throws KeyException {
        return verificationKey(key.getEncoded(), "public key");
    }

    /** A signing key from a JDK key pair (tests, servers holding keys in memory). */
    public static SigningKey signingKey(KeyPair pair) throws KeyException {
        SigningKey key = signingKey(pair.getPrivate().getEncoded(), "private key");
        if (!key.keyId().equals(keyId(pair.getPublic()))) {
            throw new KeyException("the public key is not the private key's");
        }
        return key;
    }

    /** {@code sha256:} and the hex SHA-256 of the key's SPKI DER. */
    public static String keyId(PublicKey key) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh key pair (for tests and {@code gatehouse key generate}). */
    public static KeyPair generate(Algorithm algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.jcaKey);
            if (algorithm == Algorithm.ECDSA_P256) {
                g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of DER bytes: {@code PRIVATE KEY} (PKCS#8) or {@code PUBLIC KEY} (SPKI), 64 characters a line. */
    public static String pem(String type, byte[] der) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder("-----BEGIN ").append(type).append("-----\n");
        for (int i = 0; i < b64.length(); i += 64) {
            out.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return out.append("-----END ").append(type).append("-----\n").toString();
    }

    private static Algorithm algorithm(AlgorithmIdentifier id, String label) throws KeyException {
        ASN1ObjectIdentifier oid = id.getAlgorithm();
        if (ID_ED25519.equals(oid)) {
            return Algorithm.ED25519;
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            Object params = id.getParameters();
            if (X9ObjectIdentifiers.prime256v1.equals(params)) {
                return Algorithm.ECDSA_P256;
            }
            String curve = params instanceof ASN1ObjectIdentifier named
                    ? (SECObjectIdentifiers.secp384r1.equals(named)
                            ? "P-384"
                            : SECObjectIdentifiers.secp521r1.equals(named) ? "P-521" : named.getId())
                    : "explicit parameters";
            throw new KeyException(
                    label + ": an ECDSA key on curve " + curve + "; only P-256 (prime256v1) is supported");
        }
        throw new KeyException(
                label + ": a key of algorithm " + oid.getId() + "; only Ed25519 and ECDSA P-256 are supported");
    }

    /** The DER body of the file's one PEM block of {@code type}, refusing anything else. */
    private static byte[] pemBody(Path file, String type) throws KeyException {
        if (!Files.isRegularFile(file)) {
            throw new KeyException(file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new KeyException(file + ": cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_KEY_FILE_BYTES) {
            throw new KeyException(file + ": larger than " + MAX_KEY_FILE_BYTES + " bytes: not a PEM key");
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        Matcher begin = ANY_BEGIN.matcher(text);
        if (!begin.find()) {
            throw new KeyException(file + ": not a PEM file (no -----BEGIN " + type + "----- line)");
        }
        String found = begin.group(1);
        if (!found.equals(type)) {
            String why = switch (found) {
                case "ENCRYPTED PRIVATE KEY" ->
                    "an encrypted private key: decrypt it to an unencrypted PKCS#8 PRIVATE KEY";
                case "EC PRIVATE KEY" ->
                    "a SEC1 EC PRIVATE KEY, not PKCS#8: convert it with openssl pkcs8 -topk8 -nocrypt -in KEY";
                case "PRIVATE KEY" ->
                    "a private key where a public key is expected: give its public key "
                            + "(openssl pkey -in KEY -pubout)";
                case "PUBLIC KEY" -> "a public key where a private key is expected";
                default -> "a PEM " + found + ", not a " + type;
            };
            throw new KeyException(file + ": " + why);
        }
        if (begin.find()) {
            throw new KeyException(file + ": more than one PEM block; a key file holds one key");
        }
        Matcher m = PEM.matcher(text);
        if (!m.find()) {
            throw new KeyException(file + ": a malformed PEM " + type + " block");
        }
        try {
            return Base64.getDecoder().decode(m.group(2).replaceAll("[\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw new KeyException(file + ": the PEM " + type + " block is not base64");
        }
    }
}
