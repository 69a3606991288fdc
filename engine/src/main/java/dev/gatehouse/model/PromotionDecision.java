package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The decision (contract section 4). {@code eligible} is true exactly when {@code violations}
 * is empty; every list is sorted so that equal inputs give byte-identical output.
 */
@JsonPropertyOrder({
    "apiVersion",
    "kind",
    "release",
    "promotion",
    "eligible",
    "ring",
    "violations",
    "waived",
    "advisories",
    "exceptions",
    "trace",
    "provenance"
})
public record PromotionDecision(
        String apiVersion,
        String kind,
        ReleaseRef release,
        PromotionRef promotion,
        boolean eligible,
        Ring ring,
        List<Violation> violations,
        List<Violation> waived,
        List<Violation> advisories,
        List<ExceptionOutcome> exceptions,
        List<TraceEntry> trace,
        Provenance provenance) {

    public static final String API_VERSION = "gatehouse/v1";
    public static final String KIND = "PromotionDecision";

    public PromotionDecision {
        violations = List.copyOf(violations);
        waived = List.copyOf(waived);
        advisories = List.copyOf(advisories);
        exceptions = List.copyOf(exceptions);
        trace = List.copyOf(trace);
        if (eligible != violations.isEmpty()) {
            throw new IllegalArgumentException("eligible must be true exactly when there are no violations");
        }
    }

    /** The release the decision is about. */
    @JsonPropertyOrder({"service", "version", "commit"})
    public record ReleaseRef(String service, String version, String commit) {}

    /** The promotion step the decision is about. */
    @JsonPropertyOrder({"from", "to"})
    public record PromotionRef(String from, String to) {}

    /** How far into production the release may go (production only). */
    @JsonPropertyOrder({"allowed", "requested", "reasons"})
    public record Ring(int allowed, Integer requested, List<Reason> reasons) {
        public Ring {
            reasons = List.copyOf(reasons);
        }
    }

    /** One reason behind the ring: a stable code and a plain-words detail. */
    @JsonPropertyOrder({"code", "detail"})
    public record Reason(String code, String detail) {}

    /**
     * A control not met. In {@code waived}, {@code exception} names the exception that waived it;
     * elsewhere it is null and not written.
     */
    @JsonPropertyOrder({"control", "enforcement", "subject", "message", "evidence", "exception"})
    public record Violation(
            String control,
            String enforcement,
            String subject,
            String message,
            String evidence,
            @JsonInclude(JsonInclude.Include.NON_NULL) String exception) {

        /** Sorted by control, then subject (absent first), then evidence, then exception. */
        public static final Comparator<Violation> ORDER = Comparator.comparing(Violation::control)
                .thenComparing(Violation::subject, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Violation::evidence, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Violation::exception, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Violation::message, Comparator.nullsFirst(Comparator.naturalOrder()));

        public Violation {
            Objects.requireNonNull(control, "control");
            Objects.requireNonNull(enforcement, "enforcement");
        }
    }

    /** The status one relevant exception ended in, and why. */
    @JsonPropertyOrder({"id", "status", "reason"})
    public record ExceptionOutcome(String id, String status, String reason) {}

    /** A rule that fired and the facts it matched (JSON Pointers, exception ids, conclusions). */
    @JsonPropertyOrder({"rule", "control", "facts"})
    public record TraceEntry(String rule, String control, List<String> facts) {
        public TraceEntry {
            facts = List.copyOf(facts);
        }
    }

    /**
     * What produced the decision. {@code bundle} is null (and not written) unless the rulebase came from a signed
     * rule bundle ({@code --bundle}): then it names the bundle and who signed it.
     */
    @JsonPropertyOrder({"engineVersion", "rulebaseDigest", "inputDigest", "evaluatedAt", "bundle"})
    public record Provenance(
            String engineVersion,
            String rulebaseDigest,
            String inputDigest,
            String evaluatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Bundle bundle) {

        /** Provenance without a bundle (a rulebase folder, or the bundled default). */
        public Provenance(String engineVersion, String rulebaseDigest, String inputDigest, String evaluatedAt) {
            this(engineVersion, rulebaseDigest, inputDigest, evaluatedAt, null);
        }
    }

    /**
     * The rule bundle a decision's rulebase came from: {@code digest} is {@code sha256:} of the bundle file;
     * {@code signer} the key id of the key that verified its signature, or null when {@code insecureSkipVerify}
     * (the bundle was used unverified, as {@code --insecure-skip-verify} asked).
     */
    @JsonPropertyOrder({"digest", "signer", "insecureSkipVerify"})
    public record Bundle(String digest, String signer, boolean insecureSkipVerify) {
        public Bundle {
            Objects.requireNonNull(digest, "digest");
            if ((signer == null) != insecureSkipVerify) {
                throw new IllegalArgumentException("a bundle has a signer exactly when it was verified");
            }
        }
    }

    /** This decision with its provenance naming the rule bundle its rulebase came from. */
    public PromotionDecision withBundle(Bundle bundle) {
        Objects.requireNonNull(bundle, "bundle");
        Provenance p = provenance;
        return new PromotionDecision(
                apiVersion,
                kind,
                release,
                promotion,
                eligible,
                ring,
                violations,
                waived,
                advisories,
                exceptions,
                trace,
                new Provenance(p.engineVersion(), p.rulebaseDigest(), p.inputDigest(), p.evaluatedAt(), bundle));
    }
}
