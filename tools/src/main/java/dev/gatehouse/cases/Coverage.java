package dev.gatehouse.cases;

import dev.gatehouse.PolicyEngine;
import dev.gatehouse.model.PromotionDecision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which rules and which controls fired in at least one decision, out of all the rules of the
 * rulebase and all the controls of its enforcement table (read from each decision's trace).
 *
 * @param rules every rule of the rulebase
 * @param firedRules the rules that fired at least once
 * @param controls every control of the enforcement table
 * @param firedControls the controls some fired rule named in the trace
 */
public record Coverage(
        SortedSet<String> rules,
        SortedSet<String> firedRules,
        SortedSet<String> controls,
        SortedSet<String> firedControls) {
    public Coverage {
        rules = sorted(rules);
        controls = sorted(controls);
        firedRules = sorted(firedRules);
        firedControls = sorted(firedControls);
        firedRules.retainAll(rules);
        firedControls.retainAll(controls);
        firedRules = java.util.Collections.unmodifiableSortedSet(firedRules);
        firedControls = java.util.Collections.unmodifiableSortedSet(firedControls);
        rules = java.util.Collections.unmodifiableSortedSet(rules);
        controls = java.util.Collections.unmodifiableSortedSet(controls);
    }

    /** The coverage of an engine's rulebase by some decisions (null decisions are skipped). */
    public static Coverage of(PolicyEngine engine, Collection<PromotionDecision> decisions) {
        SortedSet<String> firedRules = new TreeSet<>();
        SortedSet<String> firedControls = new TreeSet<>();
        decisions.stream()
                .filter(Objects::nonNull)
                .flatMap(d -> d.trace().stream())
                .forEach(t -> {
                    firedRules.add(t.rule());
                    if (t.control() != null) {
                        firedControls.add(t.control());
                    }
                });
        return new Coverage(
                engine.ruleMetadata().stream()
                        .map(r -> r.name())
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
                firedRules,
                engine.controls(),
                firedControls);
    }

    /** The coverage of the decisions of some case results. */
    public static Coverage ofResults(PolicyEngine engine, Collection<CaseResult> results) {
        return of(engine, results.stream().map(CaseResult::decision).toList());
    }

    public List<String> rulesNeverFired() {
        return rules.stream().filter(r -> !firedRules.contains(r)).toList();
    }

    public List<String> controlsNeverFired() {
        return controls.stream().filter(c -> !firedControls.contains(c)).toList();
    }

    /** Rule coverage in percent, rounded half up to one decimal (100.0 for an empty rulebase). */
    public BigDecimal rulePercent() {
        return percent(firedRules.size(), rules.size());
    }

    /** Control coverage in percent, rounded half up to one decimal (100.0 for an empty table). */
    public BigDecimal controlPercent() {
        return percent(firedControls.size(), controls.size());
    }

    /** True when both rule and control coverage are at least {@code min} percent (compared exactly). */
    public boolean meets(BigDecimal min) {
        return atLeast(firedRules.size(), rules.size(), min) && atLeast(firedControls.size(), controls.size(), min);
    }

    /** The coverage report: two summary lines, then what never fired. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("coverage: rules ")
                .append(firedRules.size())
                .append('/')
                .append(rules.size())
                .append(" (")
                .append(rulePercent().toPlainString())
                .append("%), controls ")
                .append(firedControls.size())
                .append('/')
                .append(controls.size())
                .append(" (")
                .append(controlPercent().toPlainString())
                .append("%)\n");
        for (String c : controlsNeverFired()) {
            sb.append("  control never fired: ").append(c).append('\n');
        }
        for (String r : rulesNeverFired()) {
            sb.append("  rule never fired: ").append(r).append('\n');
        }
        return sb.toString();
    }

    private static boolean atLeast(int part, int whole, BigDecimal min) {
        return whole == 0
                || BigDecimal.valueOf(part)
                                .multiply(BigDecimal.valueOf(100))
                                .compareTo(min.multiply(BigDecimal.valueOf(whole)))
                        >= 0;
    }

    private static BigDecimal percent(int part, int whole) {
        if (whole == 0) {
            return new BigDecimal("100.0");
        }
        return BigDecimal.valueOf(part)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    private static SortedSet<String> sorted(SortedSet<String> s) {
        return new TreeSet<>(Objects.requireNonNull(s));
    }
}
