package dev.gatehouse.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.ReleaseEvidence;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Signed decisions: a {@link PromotionDecision} as an in-toto Statement v1 whose subjects are the release's
 * artifacts (name and sha256) and whose predicate is a SLSA Verification Summary Attestation v1, in a DSSE
 * envelope ({@link Dsse}) signed with the gate's key. The predicate:
 *
 * <ul>
 *   <li>{@code verifier}: {@code {"id": "https://github.com/gatehouse/gatehouse", "version": {"gatehouse": V}}};
 *   <li>{@code timeVerified}: the evaluation time (an input, so the statement is deterministic);
 *   <li>{@code resourceUri}: {@code gatehouse:release/<service>@<version>?commit=<commit>} (components percent-encoded);
 *   <li>{@code policy}: {@code {"name": "rulebase", "digest": {"sha256": <rulebaseDigest>}}}, with the rule
 *       bundle's digest and signer in {@code annotations} when the rulebase came from one;
 *   <li>{@code inputAttestations}: the evidence, the readback and each exception document (named
 *       {@code evidence}, {@code readback}, {@code exception/<id>}), each with the sha256 of its RFC 8785 (JCS)
 *       form, the same canonical form provenance's inputDigest is taken over;
 *   <li>{@code verificationResult}: {@code PASSED} exactly when the decision is eligible, else {@code FAILED};
 *       {@code verifiedLevels}: {@code ["GATEHOUSE_PROMOTION_ELIGIBLE"]} or {@code ["FAILED"]};
 *   <li>{@value #PROMOTION}: the promotion (from, to: the target environment), the allowed and requested ring
 *       (null outside production), the blocking controls, the inputDigest: an extension field, named by a URI
 *       as in-toto asks of extensions.
 * </ul>
 *
 * The statement is RFC 8785 JSON, so the same decision and key give the same bytes (and, with Ed25519, the same
 * envelope).
 */
public final class Attestations {
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String VSA = "https://slsa.dev/verification_summary/v1";
    public static final String VERIFIER_ID = "https://github.com/gatehouse/gatehouse";
    /** The extension field of the predicate that carries the promotion and the ring. */
    public static final String PROMOTION = "https://github.com/gatehouse/gatehouse/promotion/v1";

    public static final String ELIGIBLE_LEVEL = "GATEHOUSE_PROMOTION_ELIGIBLE";

    static final ObjectMapper MAPPER = dev.gatehouse.internal.json.Json.mapper();

    private Attestations() {}

    /** The in-toto statement of a decision (a JSON tree; {@link #statementBytes} gives its canonical bytes). */
    public static ObjectNode statement(EvaluationInput input, PromotionDecision decision) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(decision, "decision");
        ReleaseEvidence.Release release = input.evidence().release();
        ObjectNode st = MAPPER.createObjectNode();
        st.put("_type", STATEMENT_TYPE);
        ArrayNode subjects = st.putArray("subject");
        TreeMap<String, String> artifacts = new TreeMap<>();
        release.artifacts().forEach(a -> artifacts.put(a.name() + "\u0000" + a.digest(), a.digest()));
        artifacts.forEach((key, digest) -> {
            ObjectNode s = subjects.addObject();
            s.put("name", key.substring(0, key.indexOf('\u0000')));
            s.putObject("digest").put("sha256", hex(digest));
        });
        st.put("predicateType", VSA);
        ObjectNode p = st.putObject("predicate");
        ObjectNode verifier = p.putObject("verifier");
        verifier.put("id", VERIFIER_ID);
        verifier.putObject("version").put("gatehouse", decision.provenance().engineVersion());
        p.put("timeVerified", decision.provenance().evaluatedAt());
        p.put(
                "resourceUri",
                "gatehouse:release/" + enc(release.service()) + "@" + enc(release.version()) + "?commit="
                        + enc(release.commit()));
        ObjectNode policy = p.putObject("policy");
        policy.put("name", "rulebase");
        policy.putObject("digest").put("sha256", hex(decision.provenance().rulebaseDigest()));
        PromotionDecision.Bundle bundle = decision.provenance().bundle();
        if (bundle != null) {
            ObjectNode ann = policy.putObject("annotations");
            ann.put("bundleDigest", bundle.digest());
            if (bundle.signer() != null) {
                ann.put("bundleSigner", bundle.signer());
            }
            ann.put("insecureSkipVerify", bundle.insecureSkipVerify());
        }
        ArrayNode inputs = p.putArray("inputAttestations");
        dev.gatehouse.internal.InputDocuments docs = dev.gatehouse.internal.InputReading.documents(input);
        addInput(inputs, "evidence", docs.evidence());
        addInput(inputs, "readback", docs.readback());
        for (JsonNode x : docs.exceptions()) {
            addInput(inputs, "exception/" + x.path("id").asText(), x);
        }
        p.put("verificationResult", decision.eligible() ? "PASSED" : "FAILED");
        p.putArray("verifiedLevels").add(decision.eligible() ? ELIGIBLE_LEVEL : "FAILED");
        ObjectNode promo = p.putObject(PROMOTION);
        promo.put("from", decision.promotion().from());
        promo.put("environment", decision.promotion().to());
        ObjectNode rel = promo.putObject("release");
        rel.put("service", release.service());
        rel.put("version", release.version());
        rel.put("commit", release.commit());
        if (decision.ring() == null) {
            promo.putNull("ring");
        } else {
            ObjectNode ring = promo.putObject("ring");
            ring.put("allowed", decision.ring().allowed());
            if (decision.ring().requested() == null) {
                ring.putNull("requested");
            } else {
                ring.put("requested", decision.ring().requested());
            }
        }
        promo.put("eligible", decision.eligible());
        ArrayNode blocking = promo.putArray("violations");
        decision.violations().stream()
                .map(PromotionDecision.Violation::control)
                .distinct()
                .sorted()
                .forEach(blocking::add);
        promo.put("inputDigest", decision.provenance().inputDigest());
        return st;
    }

    /** The statement's bytes: RFC 8785 canonical JSON. */
    public static byte[] statementBytes(EvaluationInput input, PromotionDecision decision) {
        return jcs(statement(input, decision));
    }

    /** The decision as a signed attestation: a DSSE envelope of the in-toto statement. */
    public static Dsse.Envelope sign(EvaluationInput input, PromotionDecision decision, Keys.SigningKey key) {
        return Dsse.sign(Dsse.IN_TOTO, statementBytes(input, decision), key);
    }

    /** {@link #sign} as the envelope's JSON file content (what {@code evaluate --attest} writes). */
    public static byte[] signedJson(EvaluationInput input, PromotionDecision decision, Keys.SigningKey key) {
        return sign(input, decision, key).toJson();
    }

    private static void addInput(ArrayNode inputs, String name, JsonNode doc) {
        ObjectNode d = inputs.addObject();
        d.put("name", name);
        d.put("mediaType", "application/json");
        d.putObject("digest").put("sha256", hex(sha256(jcs(doc))));
    }

    static byte[] jcs(JsonNode value) {
        return dev.gatehouse.internal.json.Json.jcs(value);
    }

    static String sha256(byte[] bytes) {
        return dev.gatehouse.internal.json.Json.sha256(bytes);
    }

    /** The hex of a {@code sha256:<hex>} digest. */
    static String hex(String digest) {
        if (digest == null || !digest.startsWith("sha256:")) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest.substring("sha256:".length());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The names of a statement's subjects' sha256 digests, for messages. */
    static List<String> subjectDigests(JsonNode statement) {
        List<String> out = new java.util.ArrayList<>();
        statement
                .path("subject")
                .forEach(
                        s -> out.add("sha256:" + s.path("digest").path("sha256").asText()));
        return out;
    }
}
