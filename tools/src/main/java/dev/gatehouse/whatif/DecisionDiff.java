package dev.gatehouse.whatif;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.PromotionDecision.Reason;
import dev.gatehouse.model.PromotionDecision.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The difference between a base decision and a variant decision. Violations, waivers and
 * advisories are matched by control, enforcement, subject and evidence pointer (waivers also by
 * exception), not by message: a message that only restates an age is not a change.
 *
 * @param eligibilityChanged whether eligibility flipped
 * @param ring the ring on each side with its reasons; null when neither side has a ring
 * @param violationsAdded blocking violations only the variant has
 * @param violationsRemoved blocking violations only the base has
 * @param waiversGained waivers only the variant has
 * @param waiversLost waivers only the base has
 * @param exceptionChanges exceptions whose status differs (or that only one side reports), by id
 */
@JsonPropertyOrder({
    "eligibilityChanged",
    "baseEligible",
    "variantEligible",
    "direction",
    "ring",
    "violationsAdded",
    "violationsRemoved",
    "waiversGained",
    "waiversLost",
    "advisoriesAdded",
    "advisoriesRemoved",
    "exceptionChanges",
    "causes"
})
public record DecisionDiff(
        boolean eligibilityChanged,
        boolean baseEligible,
        boolean variantEligible,
        RingChange ring,
        List<Violation> violationsAdded,
        List<Violation> violationsRemoved,
        List<Violation> waiversGained,
        List<Violation> waiversLost,
        List<Violation> advisoriesAdded,
        List<Violation> advisoriesRemoved,
        List<ExceptionChange> exceptionChanges) {

    public DecisionDiff {
        violationsAdded = List.copyOf(violationsAdded);
        violationsRemoved = List.copyOf(violationsRemoved);
        waiversGained = List.copyOf(waiversGained);
        waiversLost = List.copyOf(waiversLost);
        advisoriesAdded = List.copyOf(advisoriesAdded);
        advisoriesRemoved = List.copyOf(advisoriesRemoved);
        exceptionChanges = List.copyOf(exceptionChanges);
    }

    /** The ring on each side; {@code changed} when the allowed ring differs. */
    @JsonPropertyOrder({"changed", "base", "variant", "baseReasons", "variantReasons"})
    public record RingChange(
            boolean changed, Integer base, Integer variant, List<Reason> baseReasons, List<Reason> variantReasons) {
        public RingChange {
            baseReasons = List.copyOf(baseReasons);
            variantReasons = List.copyOf(variantReasons);
        }
    }

    /** One exception's status on each side (null where that side does not report it). */
    @JsonPropertyOrder({"id", "base", "variant", "baseReason", "variantReason"})
    public record ExceptionChange(String id, String base, String variant, String baseReason, String variantReason) {}

    /** Compares two decisions. */
    public static DecisionDiff between(PromotionDecision base, PromotionDecision variant) {
        RingChange ring = null;
        if (base.ring() != null || variant.ring() != null) {
            Integer a = base.ring() == null ? null : base.ring().allowed();
            Integer b = variant.ring() == null ? null : variant.ring().allowed();
            ring = new RingChange(
                    !Objects.equals(a, b),
                    a,
                    b,
                    base.ring() == null ? List.of() : base.ring().reasons(),
                    variant.ring() == null ? List.of() : variant.ring().reasons());
        }
        Map<String, PromotionDecision.ExceptionOutcome> before = byId(base.exceptions());
        Map<String, PromotionDecision.ExceptionOutcome> after = byId(variant.exceptions());
        SortedSet<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        List<ExceptionChange> exceptions = new ArrayList<>();
        for (String id : ids) {
            PromotionDecision.ExceptionOutcome x = before.get(id);
            PromotionDecision.ExceptionOutcome y = after.get(id);
            String sx = x == null ? null : x.status();
            String sy = y == null ? null : y.status();
            if (!Objects.equals(sx, sy)) {
                exceptions.add(
                        new ExceptionChange(id, sx, sy, x == null ? null : x.reason(), y == null ? null : y.reason()));
            }
        }
        return new DecisionDiff(
                base.eligible() != variant.eligible(),
                base.eligible(),
                variant.eligible(),
                ring,
                minus(variant.violations(), base.violations(), DecisionDiff::key),
                minus(base.violations(), variant.violations(), DecisionDiff::key),
                minus(variant.waived(), base.waived(), DecisionDiff::waiverKey),
                minus(base.waived(), variant.waived(), DecisionDiff::waiverKey),
                minus(variant.advisories(), base.advisories(), DecisionDiff::key),
                minus(base.advisories(), variant.advisories(), DecisionDiff::key),
                exceptions);
    }

    /** {@code none}, {@code eligible -> not eligible} or {@code not eligible -> eligible}. */
    @JsonProperty("direction")
    public String direction() {
        if (!eligibilityChanged) {
            return "none";
        }
        return baseEligible ? "eligible -> not eligible" : "not eligible -> eligible";
    }

    /** The controls of the violations added and removed: what caused a flip. Sorted. */
    @JsonProperty("causes")
    public SortedSet<String> causes() {
        SortedSet<String> out = new TreeSet<>();
        violationsAdded.forEach(v -> out.add(v.control()));
        violationsRemoved.forEach(v -> out.add(v.control()));
        return out;
    }

    /** Whether anything at all differs. */
    @JsonIgnore
    public boolean changed() {
        return eligibilityChanged
                || (ring != null && ring.changed())
                || !violationsAdded.isEmpty()
                || !violationsRemoved.isEmpty()
                || !waiversGained.isEmpty()
                || !waiversLost.isEmpty()
                || !advisoriesAdded.isEmpty()
                || !advisoriesRemoved.isEmpty()
                || !exceptionChanges.isEmpty();
    }

    private static Map<String, PromotionDecision.ExceptionOutcome> byId(List<PromotionDecision.ExceptionOutcome> xs) {
        Map<String, PromotionDecision.ExceptionOutcome> out = new TreeMap<>();
        xs.forEach(x -> out.put(x.id(), x));
        return out;
    }

    private static List<String> key(Violation v) {
        return java.util.Arrays.asList(v.control(), v.enforcement(), v.subject(), v.evidence());
    }

    private static List<String> waiverKey(Violation v) {
        return java.util.Arrays.asList(v.control(), v.enforcement(), v.subject(), v.evidence(), v.exception());
    }

    /** Items of {@code a} with no match in {@code b} (as multisets), in {@code a}'s (sorted) order. */
    private static List<Violation> minus(List<Violation> a, List<Violation> b, Function<Violation, List<String>> key) {
        List<List<String>> rest = new ArrayList<>(b.stream().map(key).toList());
        List<Violation> out = new ArrayList<>();
        for (Violation v : a) {
            if (!rest.remove(key.apply(v))) {
                out.add(v);
            }
        }
        return out;
    }
}
