package dev.gatehouse.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a deploy job or an admission controller asks of an attestation before it deploys an artifact: signed by
 * the gate's key, about this artifact, PASSED, for this environment, and recent. The checks run in that order,
 * and nothing in the payload is read before its signature verified.
 */
public final class AttestationVerifier {
    /** How far a {@code timeVerified} may lie after the verification time (clocks of two machines differ). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The default {@code --max-age}. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);

    private static final Pattern SHA256 = Pattern.compile("^sha256:[0-9a-f]{64}$");

    private AttestationVerifier() {}

    /**
     * What to require. {@code environment} null: any; {@code maxAge}: the oldest an attestation may be at {@code at}.
     */
    public record Request(String digest, String environment, Duration maxAge, Instant at) {
        public Request {
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(maxAge, "maxAge");
            Objects.requireNonNull(at, "at");
            if (!SHA256.matcher(digest).matches()) {
                throw new IllegalArgumentException(
                        "the digest must be sha256: and 64 lower-case hex characters, not " + digest);
            }
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("the maximum age must be positive, not " + maxAge);
            }
        }
    }

    /** The outcome: {@code problem} null when every check passed; {@code summary} says what was verified. */
    public record Result(String problem, String summary) {
        public boolean ok() {
            return problem == null;
        }

        static Result fail(String problem) {
            return new Result(problem, null);
        }
    }

    /**
     * Verifies an attestation file's content.
     *
     * @throws Malformed when the envelope or its (signed) statement cannot be read: the file and JSON Pointer are named
     */
    public static Result verify(byte[] envelopeJson, String file, Keys.VerificationKey key, Request request)
            throws Malformed {
        return verify(envelopeJson, file, List.of(key), request);
    }

    /** {@link #verify(byte[], String, Keys.VerificationKey, Request)} accepting a signature by any of {@code keys} (rotation). */
    public static Result verify(byte[] envelopeJson, String file, List<Keys.VerificationKey> keys, Request request)
            throws Malformed {
        Dsse.Envelope envelope = Dsse.parse(envelopeJson, file);
        if (!envelope.payloadType().equals(Dsse.IN_TOTO)) {
            return Result.fail("the payload type is " + envelope.payloadType() + ", not " + Dsse.IN_TOTO
                    + ": not an in-toto attestation");
        }
        Dsse.Verified signed = Dsse.verify(envelope, keys);
        if (!signed.ok()) {
            return Result.fail(signed.problem());
        }
        JsonNode st;
        try {
            st = Dsse.STRICT.readTree(envelope.payload());
        } catch (IOException e) {
            throw new Malformed(file, "/payload", "the signed statement is not JSON: " + Dsse.firstLine(e));
        }
        if (st == null || !st.isObject()) {
            throw new Malformed(file, "/payload", "the signed statement is not a JSON object");
        }
        if (!Attestations.STATEMENT_TYPE.equals(st.path("_type").asText(null))) {
            return Result.fail("the statement's _type is " + st.path("_type") + ", not " + Attestations.STATEMENT_TYPE);
        }
        if (!Attestations.VSA.equals(st.path("predicateType").asText(null))) {
            return Result.fail("the predicateType is " + st.path("predicateType") + ", not " + Attestations.VSA);
        }
        String hex = request.digest().substring("sha256:".length());
        List<String> subjects = new ArrayList<>();
        boolean found = false;
        for (JsonNode s : st.path("subject")) {
            String h = s.path("digest").path("sha256").asText("");
            subjects.add("sha256:" + h);
            found |= h.equals(hex);
        }
        if (!found) {
            return Result.fail(request.digest() + " is not a subject of the attestation (its subjects: "
                    + (subjects.isEmpty() ? "none" : String.join(", ", subjects)) + ")");
        }
        JsonNode p = st.path("predicate");
        JsonNode promo = p.path(Attestations.PROMOTION);
        String result = p.path("verificationResult").asText("(none)");
        if (!"PASSED".equals(result)) {
            List<String> blocking = new ArrayList<>();
            promo.path("violations").forEach(v -> blocking.add(v.asText()));
            return Result.fail("the verification result is " + result
                    + (blocking.isEmpty() ? "" : " (blocking: " + String.join(", ", blocking) + ")"));
        }
        if (!promo.path("eligible").asBoolean(false)
                || !promo.path("environment").isTextual()) {
            return Result.fail("the predicate has no eligible promotion (" + Attestations.PROMOTION + ")");
        }
        if (p.path("policy").path("annotations").path("insecureSkipVerify").asBoolean(false)) {
            return Result.fail("the decision was made with a rule bundle whose signature was not verified "
                    + "(--insecure-skip-verify): its rules are not known to be the approved ones");
        }
        String environment = promo.get("environment").asText();
        if (request.environment() != null && !request.environment().equals(environment)) {
            return Result.fail("the attestation is for environment " + environment + ", not " + request.environment());
        }
        Instant verifiedAt;
        try {
            verifiedAt = Instant.parse(p.path("timeVerified").asText(""));
        } catch (DateTimeParseException e) {
            return Result.fail("timeVerified " + p.path("timeVerified") + " is not an RFC 3339 instant");
        }
        if (verifiedAt.isAfter(request.at().plus(CLOCK_SKEW))) {
            return Result.fail("timeVerified " + verifiedAt + " is after the verification time " + request.at()
                    + " (by more than the " + CLOCK_SKEW.toMinutes() + " min clock skew)");
        }
        Duration age = Duration.between(verifiedAt, request.at());
        if (age.compareTo(request.maxAge()) > 0) {
            return Result.fail("the attestation is too old: verified at " + verifiedAt + ", " + human(age) + " before "
                    + request.at() + ", more than the maximum age " + human(request.maxAge()));
        }
        JsonNode ring = promo.path("ring");
        JsonNode release = promo.path("release");
        return new Result(
                null,
                request.digest() + " PASSED for " + environment
                        + (ring.isObject() ? " (ring " + ring.path("allowed").asText() + ")" : "")
                        + ": " + release.path("service").asText() + " "
                        + release.path("version").asText()
                        + ", verified at " + verifiedAt + " under rulebase sha256:"
                        + p.path("policy").path("digest").path("sha256").asText()
                        + ", signed by " + signed.keyId());
    }

    /** A duration as people write it: {@code 24h}, {@code 90m}, {@code 1d2h3m4s}. */
    public static String human(Duration d) {
        long s = d.toSeconds();
        StringBuilder out = new StringBuilder();
        if (s < 0) {
            out.append('-');
            s = -s;
        }
        long days = s / 86400;
        long hours = (s % 86400) / 3600;
        long minutes = (s % 3600) / 60;
        long seconds = s % 60;
        if (days > 0) {
            out.append(days).append('d');
        }
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0 || out.length() == 0 || out.toString().equals("-")) {
            out.append(seconds).append('s');
        }
        return out.toString();
    }

    /** Parses {@code 24h}, {@code 30m}, {@code 7d}, {@code 90s} (a positive whole number and a unit). */
    public static Duration parseDuration(String text) {
        java.util.regex.Matcher m = Pattern.compile("^([0-9]{1,9})([dhms])$").matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 24h, 30m, 7d or 90s");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
