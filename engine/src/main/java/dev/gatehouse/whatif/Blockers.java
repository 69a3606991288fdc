package dev.gatehouse.whatif;

import dev.gatehouse.PolicyEngine;
import dev.gatehouse.model.InputDocument;
import dev.gatehouse.model.RuleMetadata;
import dev.gatehouse.model.PromotionDecision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * "What would it take?": each blocking violation of a decision, with its evidence pointer, what
 * the control needs (from the rules' {@code @description} metadata) and whether an exception could
 * waive it. Answered from the rulebase's metadata and the decision's trace only: no list of
 * controls is kept here.
 */
public final class Blockers {
    private Blockers() {}

    /** The blockers of {@code decision} (empty when it is eligible), in the decision's order. */
    public static List<Blocker> explain(PolicyEngine engine, PromotionDecision decision) {
        Map<String, RuleMetadata> rules = new LinkedHashMap<>();
        engine.ruleMetadata().forEach(r -> rules.put(r.name(), r));
        String env = decision.promotion().to();
        List<Blocker> out = new ArrayList<>();
        for (PromotionDecision.Violation v : decision.violations()) {
            List<RuleMetadata> raisedBy = raisedBy(v, decision.trace(), rules);
            List<String> needs = raisedBy.stream().map(RuleMetadata::description).filter(d -> d != null && !d.isBlank())
                    .distinct().toList();
            boolean soft = "soft".equals(v.enforcement());
            String remedy = soft
                    ? v.control() + " is soft in " + env + ": change the evidence so the control is met, or add a valid"
                            + " exception listing " + v.control() + " in its controls, scoped to " + decision.release().service()
                            + " and " + env + (v.subject() != null ? " (and, for a finding, to " + v.subject() + ")" : "")
                            + ", approved and unexpired"
                    : v.control() + " is hard in " + env + ": no exception can waive it; the evidence must change so the"
                            + " control is met";
            out.add(new Blocker(v.control(), v.enforcement(), v.subject(), v.message(), v.evidence(), document(v.evidence()),
                    needs, raisedBy.stream().map(RuleMetadata::name).toList(), soft, remedy));
        }
        return out;
    }

    /**
     * The rules that raised a violation: the rules of its control that fired, narrowed to those
     * whose matched facts include the violation's evidence pointer when that leaves any, else to
     * those whose description names the violation's subject when that leaves any; when none
     * of its rules is in the trace, every rule of the control.
     */
    private static List<RuleMetadata> raisedBy(PromotionDecision.Violation v, List<PromotionDecision.TraceEntry> trace,
            Map<String, RuleMetadata> rules) {
        List<RuleMetadata> fired = new ArrayList<>();
        List<RuleMetadata> firedAtEvidence = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (PromotionDecision.TraceEntry t : trace) {
            RuleMetadata r = rules.get(t.rule());
            if (r == null || !v.control().equals(r.control())) {
                continue;
            }
            if (seen.add(r.name())) {
                fired.add(r);
            }
            if (v.evidence() != null && t.facts().contains(v.evidence()) && !firedAtEvidence.contains(r)) {
                firedAtEvidence.add(r);
            }
        }
        if (!firedAtEvidence.isEmpty()) {
            return firedAtEvidence;
        }
        if (fired.size() > 1 && v.subject() != null) {
            List<RuleMetadata> aboutSubject = fired.stream()
                    .filter(r -> r.description() != null && r.description().contains(v.subject()))
                    .toList();
            if (!aboutSubject.isEmpty()) {
                return aboutSubject;
            }
        }
        if (!fired.isEmpty()) {
            return fired;
        }
        return rules.values().stream().filter(r -> v.control().equals(r.control())).toList();
    }

    /** Which input document a pointer is in (evidence, readback or exception), or null. */
    static String document(String pointer) {
        InputDocument d = InputDocument.of(pointer);
        return d == null ? null : d.wire();
    }
}
