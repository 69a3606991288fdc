package dev.gatehouse.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Signatures of decision log lines. A signed line is the canonical line with two more members: {@code "chain"}, the
 * writer's name (one chain per writer: each replica of a server writes its own), and last {@code "sig"}:
 * {@code {"keyid": <key id>, "sig": <base64>}}, the log key's signature over the DSSE pre-authentication encoding
 * of {@value #PAYLOAD_TYPE} and the line's canonical bytes without {@code "sig"}. Those bytes hold the line's
 * number {@code n} and {@code prev}, the hash of the line before it (the chain's head): a signature covers the whole
 * chain up to its line, so re-chaining, editing, reordering or dropping a line from the middle breaks a signature
 * no one can remake without the key. What a signature cannot show is a line dropped from the end; the head a
 * reader kept ({@code --expect-head}) does.
 */
public final class LogSignatures {
    /** The DSSE payload type a line's signature is computed under. */
    public static final String PAYLOAD_TYPE = "application/vnd.gatehouse.decision-log-line+json";

    private static final Pattern CHAIN = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    private static final Pattern KEYID = Pattern.compile("^sha256:[0-9a-f]{64}$");
    private static final Pattern BASE64 = Pattern.compile("^[A-Za-z0-9+/]+={0,2}$");

    private LogSignatures() {}

    /** Checks a chain name: 1 to 64 of {@code a-z 0-9 . _ -}, starting with a letter or digit. */
    public static String checkChain(String chain) {
        if (chain == null || !CHAIN.matcher(chain).matches()) {
            throw new IllegalArgumentException(
                    "a chain name is 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or " + "digit, not '"
                            + chain + "'");
        }
        return chain;
    }

    /** The {@code sig} member of a line: the key's signature over PAE(type, the line without it). */
    public static Map<String, String> seal(byte[] unsealed, Keys.SigningKey key) {
        return Map.of(
                "keyid",
                key.keyId(),
                "sig",
                Base64.getEncoder().encodeToString(key.sign(Dsse.pae(PAYLOAD_TYPE, unsealed))));
    }

    /**
     * Checks the lines of one log, in order: each signed by the key and of one chain (the expected one, when
     * given). Without a key it checks nothing but records each line's head and whether any line is signed.
     */
    public static final class Checker {
        private final Keys.VerificationKey key;
        private String chain;
        private final List<String> heads = new ArrayList<>();
        private boolean signed;

        /** {@code key} null: record heads only; {@code chain} null: whatever chain line 1 names. */
        public Checker(Keys.VerificationKey key, String chain) {
            this.key = key;
            this.chain = chain;
        }

        /** The head after each line so far ({@code sha256:} of the line without its newline). */
        public List<String> heads() {
            return List.copyOf(heads);
        }

        /** Whether any line carried a signature. */
        public boolean sawSignature() {
            return signed;
        }

        /** The chain the lines name (null before the first line, or for an unsigned log). */
        public String chain() {
            return chain;
        }

        /** Null when line {@code n} passes; otherwise why it does not. */
        public String check(long n, byte[] line, JsonNode tree) {
            Objects.requireNonNull(tree, "tree");
            signed |= tree.has("sig");
            String problem = key == null ? null : verify(n, line, tree);
            if (problem == null) {
                heads.add(Attestations.sha256(line));
            }
            return problem;
        }

        private String verify(long n, byte[] line, JsonNode tree) {
            JsonNode sig = tree.get("sig");
            if (sig == null) {
                return "it is not signed: every line of a signed log carries the log key's signature";
            }
            JsonNode c = tree.get("chain");
            if (c == null || !c.isTextual()) {
                return "it names no chain";
            }
            if (chain == null) {
                chain = c.asText();
            } else if (!chain.equals(c.asText())) {
                return "it belongs to chain " + c.asText() + ", not " + chain
                        + (n == 1 ? "" : " (as the lines before it do): lines of another writer's log were spliced in");
            }
            if (!sig.isObject()
                    || sig.size() != 2
                    || !sig.path("keyid").isTextual()
                    || !sig.path("sig").isTextual()
                    || !KEYID.matcher(sig.get("keyid").asText()).matches()
                    || !BASE64.matcher(sig.get("sig").asText()).matches()) {
                return "its sig is not {\"keyid\": \"sha256:...\", \"sig\": base64}";
            }
            String keyid = sig.get("keyid").asText();
            String suffix = ",\"sig\":{\"keyid\":\"" + keyid + "\",\"sig\":\""
                    + sig.get("sig").asText() + "\"}}";
            byte[] tail = suffix.getBytes(StandardCharsets.US_ASCII);
            if (line.length < tail.length + 2
                    || !Arrays.equals(line, line.length - tail.length, line.length, tail, 0, tail.length)) {
                return "its sig is not the line's last member, as written by a signing writer";
            }
            byte[] unsealed = Arrays.copyOf(line, line.length - tail.length + 1);
            unsealed[unsealed.length - 1] = '}';
            if (!key.verifies(
                    Dsse.pae(PAYLOAD_TYPE, unsealed),
                    Base64.getDecoder().decode(sig.get("sig").asText()))) {
                return keyid.equals(key.keyId())
                        ? "its signature does not verify with key " + key.keyId()
                                + ": the line was changed, renumbered or re-chained after it was signed"
                        : "it is signed by key " + keyid + ", not by " + key.keyId();
            }
            return null;
        }
    }
}
