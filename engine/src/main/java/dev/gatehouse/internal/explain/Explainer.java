package dev.gatehouse.internal.explain;

import dev.gatehouse.facts.Traceable;
import dev.gatehouse.facts.Violation;
import dev.gatehouse.internal.evaluate.Firing;
import dev.gatehouse.internal.rulebase.RuleInfo;
import dev.gatehouse.model.PromotionDecision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the trace. Pure and thread-safe. */
public final class Explainer {
    private static final Comparator<PromotionDecision.TraceEntry> ORDER = Comparator.comparing(
                    PromotionDecision.TraceEntry::rule)
            .thenComparing(t -> String.join("\u0000", t.facts()))
            .thenComparing(t -> t.control() == null ? "" : t.control());

    private Explainer() {}

    /**
     * One entry per firing, sorted by rule then facts. The control is the rule's {@code @control};
     * for a supporting rule, the control of the violation it matched, else its {@code @family}.
     */
    public static List<PromotionDecision.TraceEntry> trace(List<Firing> firings, Map<String, RuleInfo> rules) {
        List<PromotionDecision.TraceEntry> out = new ArrayList<>(firings.size());
        for (Firing f : firings) {
            RuleInfo info = rules.get(f.rule());
            String control = info == null ? null : info.control();
            Set<String> refs = new LinkedHashSet<>();
            for (Object o : f.matched()) {
                if (control == null && o instanceof Violation v) {
                    control = v.control();
                }
                if (o instanceof Traceable t && t.ref() != null) {
                    refs.add(t.ref());
                }
            }
            if (control == null && info != null) {
                control = info.family();
            }
            out.add(new PromotionDecision.TraceEntry(f.rule(), control, List.copyOf(refs)));
        }
        out.sort(ORDER);
        return out;
    }
}
