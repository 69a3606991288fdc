package dev.gatehouse.internal.decide;

import dev.gatehouse.facts.ExceptionStatus;
import dev.gatehouse.facts.RingAssignment;
import dev.gatehouse.facts.Settings;
import dev.gatehouse.facts.Violation;
import dev.gatehouse.facts.Waiver;
import dev.gatehouse.internal.evaluate.Evaluation;
import dev.gatehouse.internal.evaluate.EvaluationFailure;
import dev.gatehouse.model.Environment;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.ReleaseEvidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the decision from an evaluation. Pure and thread-safe. */
public final class Decider {
    private static final Set<String> BLOCKING = Set.of("hard", "soft");

    private Decider() {}

    public static PromotionDecision decide(
            ReleaseEvidence evidence,
            Evaluation evaluation,
            List<PromotionDecision.TraceEntry> trace,
            PromotionDecision.Provenance provenance) {
        Map<Violation, String> waivedBy = new HashMap<>();
        for (Waiver w : evaluation.all(Waiver.class)) {
            waivedBy.merge(w.violation(), w.exceptionId(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        List<PromotionDecision.Violation> violations = new ArrayList<>();
        List<PromotionDecision.Violation> waived = new ArrayList<>();
        List<PromotionDecision.Violation> advisories = new ArrayList<>();
        for (Violation v : evaluation.all(Violation.class)) {
            if (BLOCKING.contains(v.level())) {
                String exception = "soft".equals(v.level()) ? waivedBy.get(v) : null;
                (exception == null ? violations : waived).add(out(v, exception));
            } else if ("advisory".equals(v.level())) {
                advisories.add(out(v, null));
            } else {
                throw new EvaluationFailure(
                        "violation of " + v.control() + " has level '" + v.level()
                                + "': a violation must be hard, soft or advisory",
                        null);
            }
        }
        violations.sort(PromotionDecision.Violation.ORDER);
        waived.sort(PromotionDecision.Violation.ORDER);
        advisories.sort(PromotionDecision.Violation.ORDER);

        Map<String, ExceptionStatus> statuses = new HashMap<>();
        for (ExceptionStatus s : evaluation.all(ExceptionStatus.class)) {
            ExceptionStatus before = statuses.putIfAbsent(s.exceptionId(), s);
            if (before != null && !before.equals(s)) {
                throw new EvaluationFailure(
                        "exception " + s.exceptionId() + " was given two statuses, " + before.status() + " and "
                                + s.status() + ": the exception rules overlap",
                        null);
            }
        }
        List<PromotionDecision.ExceptionOutcome> exceptions = statuses.values().stream()
                .sorted(Comparator.comparing(ExceptionStatus::exceptionId))
                .map(s -> new PromotionDecision.ExceptionOutcome(s.exceptionId(), s.status(), s.reason()))
                .toList();

        List<RingAssignment> rings =
                evaluation.all(RingAssignment.class).stream().distinct().toList();
        if (rings.size() > 1) {
            throw new EvaluationFailure("the rules assigned " + rings.size() + " different rings: " + rings, null);
        }
        ReleaseEvidence e = evidence;
        checkRing(e.promotion().to(), rings.isEmpty() ? null : rings.get(0), evaluation);
        PromotionDecision.Ring ring = rings.isEmpty()
                ? null
                : new PromotionDecision.Ring(
                        rings.get(0).allowed(),
                        e.promotion().requestedRing(),
                        rings.get(0).reasons().stream()
                                .map(r -> new PromotionDecision.Reason(r.code(), r.detail()))
                                .toList());

        return new PromotionDecision(
                PromotionDecision.API_VERSION,
                PromotionDecision.KIND,
                new PromotionDecision.ReleaseRef(
                        e.release().service(),
                        e.release().version(),
                        e.release().commit()),
                new PromotionDecision.PromotionRef(
                        e.promotion().from().wire(), e.promotion().to().wire()),
                violations.isEmpty(),
                ring,
                violations,
                waived,
                advisories,
                exceptions,
                trace,
                provenance);
    }

    /** The setting that bounds the production ring. */
    public static final String RING_MAX = "ring.max";

    /**
     * Fails closed on an incomplete conclusion: a promotion to production needs exactly one ring in
     * 0..{@code ring.max}, and a promotion elsewhere has none.
     */
    private static void checkRing(Environment to, RingAssignment ring, Evaluation evaluation) {
        if (to != Environment.PRODUCTION) {
            if (ring != null) {
                throw new EvaluationFailure(
                        "the rules assigned " + ring + " to a promotion to " + to.wire()
                                + ": rings exist only in production",
                        null);
            }
            return;
        }
        if (ring == null) {
            throw new EvaluationFailure(
                    "the rules assigned no ring to a promotion to production: the ring rules did not conclude", null);
        }
        Settings settings = evaluation.all(Settings.class).stream().findFirst().orElse(null);
        if (settings == null || !settings.names().contains(RING_MAX)) {
            throw new EvaluationFailure(
                    "the settings table has no " + RING_MAX + ", so ring " + ring.allowed() + " cannot be checked",
                    null);
        }
        int max = settings.integer(RING_MAX);
        if (ring.allowed() < 0 || ring.allowed() > max) {
            throw new EvaluationFailure(
                    "the rules assigned ring " + ring.allowed() + ", outside 0.." + max + " (" + RING_MAX + ")", null);
        }
    }

    private static PromotionDecision.Violation out(Violation v, String exception) {
        return new PromotionDecision.Violation(
                v.control(), v.level(), v.subject(), v.message(), v.evidence(), exception);
    }
}
