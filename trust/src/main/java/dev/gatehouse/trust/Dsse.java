package dev.gatehouse.trust;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * DSSE (Dead Simple Signing Envelope, v1.0): a payload, its type, and signatures over the
 * pre-authentication encoding {@code PAE(type, payload) = "DSSEv1" SP LEN(type) SP type SP LEN(payload) SP payload}
 * (LEN: the byte length in ASCII decimal, no leading zeros). The envelope as JSON:
 * {@code {"payload": base64, "payloadType": type, "signatures": [{"keyid": id, "sig": base64}]}}, standard
 * base64 with padding (URL-safe is accepted on reading, as the spec asks). Signatures are the algorithm's own
 * bytes: 64 bytes for Ed25519, ASN.1 DER for ECDSA P-256 (DSSE leaves the encoding to the application: DER is what
 * in-toto's and sigstore's tools and Node's {@code crypto.verify} use; 64-byte IEEE P1363 is accepted on reading).
 */
public final class Dsse {
    /** The payload type of an in-toto statement. */
    public static final String IN_TOTO = "application/vnd.in-toto+json";
    /** The largest envelope file read. */
    public static final int MAX_ENVELOPE_BYTES = 4 * 1024 * 1024;
    /** The most signatures an envelope may carry. */
    public static final int MAX_SIGNATURES = 16;

    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    static {
        STRICT.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(MAX_ENVELOPE_BYTES)
                        .maxNumberLength(100)
                        .build());
    }

    private Dsse() {}

    /** One signature: the signer's key id (a hint, never trusted) and the signature bytes. */
    @SuppressWarnings("ArrayRecordComponent") // signature bytes: verified, never compared as values
    public record Signature(String keyid, byte[] sig) {
        public Signature {
            Objects.requireNonNull(keyid, "keyid");
            sig = sig.clone();
        }

        @Override
        public byte[] sig() {
            return sig.clone();
        }
    }

    /** An envelope. */
    @SuppressWarnings("ArrayRecordComponent") // the signed bytes: verified as they are, never compared as values
    public record Envelope(String payloadType, byte[] payload, List<Signature> signatures) {
        public Envelope {
            Objects.requireNonNull(payloadType, "payloadType");
            payload = payload.clone();
            signatures = List.copyOf(signatures);
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** The envelope as JSON: members sorted, two-space indentation, a final newline (deterministic). */
        public byte[] toJson() {
            ObjectNode o = STRICT.createObjectNode();
            o.put("payload", Base64.getEncoder().encodeToString(payload));
            o.put("payloadType", payloadType);
            ArrayNode sigs = o.putArray("signatures");
            for (Signature s : signatures) {
                sigs.addObject()
                        .put("keyid", s.keyid())
                        .put("sig", Base64.getEncoder().encodeToString(s.sig));
            }
            try {
                return (STRICT.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The outcome of {@link #verify}: null {@code problem} when a signature by one of the keys verifies, and then
     * {@code keyId} names that key.
     */
    public record Verified(String problem, String keyId) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** The pre-authentication encoding. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + payload.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Signs a payload: an envelope with one signature, whose keyid is the key's id. */
    public static Envelope sign(String payloadType, byte[] payload, Keys.SigningKey key) {
        return new Envelope(
                payloadType, payload, List.of(new Signature(key.keyId(), key.sign(pae(payloadType, payload)))));
    }

    /**
     * Whether the envelope carries a valid signature by {@code key} over PAE(type, payload). Every signature is tried
     * (a keyid is only a hint: a signature is the key's exactly when it verifies with it).
     */
    public static Verified verify(Envelope envelope, Keys.VerificationKey key) {
        return verify(envelope, List.of(key));
    }

    /**
     * Whether the envelope carries a valid signature by one of {@code keys} (several while a key is being rotated):
     * every signature is tried with every key.
     */
    public static Verified verify(Envelope envelope, List<Keys.VerificationKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key to verify with");
        }
        if (envelope.signatures().isEmpty()) {
            return new Verified("the envelope is unsigned (no signatures)", null);
        }
        byte[] pae = pae(envelope.payloadType(), envelope.payload);
        String claimed = null;
        for (Keys.VerificationKey key : keys) {
            for (Signature s : envelope.signatures()) {
                if (key.verifies(pae, s.sig)) {
                    return new Verified(null, key.keyId());
                }
                if (claimed == null && s.keyid().equals(key.keyId())) {
                    claimed = key.keyId();
                }
            }
        }
        if (claimed != null) {
            return new Verified(
                    "the signature of key " + claimed
                            + " does not verify: the envelope was changed after it was signed, or the signature was forged",
                    null);
        }
        TreeSet<String> ids = new TreeSet<>();
        envelope.signatures().forEach(s -> ids.add(s.keyid().isEmpty() ? "(no keyid)" : s.keyid()));
        return new Verified(
                "no signature verifies with key" + (keys.size() == 1 ? " " : "s ")
                        + String.join(
                                ", ",
                                keys.stream().map(Keys.VerificationKey::keyId).toList()) + ": signed by "
                        + String.join(", ", ids),
                null);
    }

    /** Parses an envelope. Structure only: nothing in it is trusted before {@link #verify}. */
    public static Envelope parse(byte[] json, String file) throws Malformed {
        if (json.length > MAX_ENVELOPE_BYTES) {
            throw new Malformed(file, null, "larger than " + MAX_ENVELOPE_BYTES + " bytes: not a DSSE envelope");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (IOException e) {
            throw new Malformed(file, null, "not JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new Malformed(file, "", "a DSSE envelope is a JSON object");
        }
        byte[] payload = base64(text(root, "payload", "", file), "/payload", file);
        String type = text(root, "payloadType", "", file);
        JsonNode sigs = root.get("signatures");
        if (sigs == null || !sigs.isArray()) {
            throw new Malformed(file, "/signatures", "required: an array of {keyid, sig}");
        }
        if (sigs.size() > MAX_SIGNATURES) {
            throw new Malformed(file, "/signatures", "more than " + MAX_SIGNATURES + " signatures");
        }
        List<Signature> out = new ArrayList<>();
        for (int i = 0; i < sigs.size(); i++) {
            JsonNode s = sigs.get(i);
            String at = "/signatures/" + i;
            if (!s.isObject()) {
                throw new Malformed(file, at, "a signature is an object {keyid, sig}");
            }
            JsonNode keyid = s.get("keyid");
            if (keyid != null && !keyid.isTextual()) {
                throw new Malformed(file, at + "/keyid", "must be a string");
            }
            out.add(new Signature(
                    keyid == null ? "" : keyid.asText(), base64(text(s, "sig", at, file), at + "/sig", file)));
        }
        return new Envelope(type, payload, out);
    }

    static String firstLine(IOException e) {
        String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                ? j.getOriginalMessage()
                : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }

    private static String text(JsonNode parent, String field, String at, String file) throws Malformed {
        JsonNode n = parent.get(field);
        String pointer = at + "/" + field;
        if (n == null || n.isNull()) {
            throw new Malformed(file, pointer, "required");
        }
        if (!n.isTextual()) {
            throw new Malformed(file, pointer, "must be a string");
        }
        return n.asText();
    }

    private static byte[] base64(String text, String pointer, String file) throws Malformed {
        try {
            return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new Malformed(file, pointer, "not base64: " + e.getMessage());
        }
    }
}
