package dev.gatehouse.internal.rulebase;

import static dev.gatehouse.model.DiagnosticCode.CONTROL_WITHOUT_RULE;
import static dev.gatehouse.model.DiagnosticCode.GUARD_MISMATCH;
import static dev.gatehouse.model.DiagnosticCode.MISSING_ENFORCEMENT_GUARD;
import static dev.gatehouse.model.DiagnosticCode.UNKNOWN_CONTROL;

import dev.gatehouse.model.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The structure checks every engine build runs before it accepts a rulebase (and {@code check} reports with
 * the lints): every control of the enforcement table has a rule and every {@code @control} a row, and every
 * control rule is guarded by its own control.
 */
public final class Structure {
    private Structure() {}

    /**
     * The structure checks, which every engine build runs too (not only {@code check}): every control
     * of the enforcement table has a rule and every {@code @control} a row ({@code control-without-rule},
     * {@code unknown-control}), and every control rule is guarded by its own control
     * ({@code missing-enforcement-guard}, {@code guard-mismatch}). Sorted.
     */
    public static List<Diagnostic> structure(List<RuleSource> sources) {
        Set<Diagnostic> out = new LinkedHashSet<>();
        List<RuleDecl> rules = new ArrayList<>();
        for (RuleSource s : sources) {
            if (s.isDrl()) {
                rules.addAll(DrlReader.read(s).rules());
            }
        }
        rules.forEach(r -> guards(r, out));
        controls(sources, rules, out);
        List<Diagnostic> sorted = new ArrayList<>(out);
        sorted.sort(Diagnostic.ORDER);
        return List.copyOf(sorted);
    }

    public static void guards(RuleDecl r, Set<Diagnostic> out) {
        if (r.control() == null) {
            return;
        }
        if (r.guards().isEmpty()) {
            out.add(Diagnostic.rule(
                    MISSING_ENFORCEMENT_GUARD,
                    r.file(),
                    r.line(),
                    r.column(),
                    "rule \"" + r.name()
                            + "\" implements " + r.control() + " but has no Enforcement(control == \"" + r.control()
                            + "\") pattern, so it fires even where the control is off"));
        }
        for (RuleDecl.Guard g : r.guards()) {
            if (!g.control().equals(r.control())) {
                out.add(Diagnostic.rule(
                        GUARD_MISMATCH,
                        r.file(),
                        g.line(),
                        g.column(),
                        "rule \"" + r.name()
                                + "\" is @control(\"" + r.control() + "\") but its guard is Enforcement(control == \""
                                + g.control() + "\"): the violation would carry the wrong control's enforcement"));
            }
        }
    }

    public static void controls(List<RuleSource> sources, List<RuleDecl> rules, Set<Diagnostic> out) {
        RuleSource file = sources.stream()
                .filter(s -> s.path().equals(RuleSources.ENFORCEMENT))
                .findFirst()
                .orElse(null);
        if (file == null) {
            return;
        }
        EnforcementTable table =
                EnforcementTable.parse(file.text(), file.label()).table();
        if (table == null) {
            return;
        }
        Set<String> implemented = new TreeSet<>();
        for (RuleDecl r : rules) {
            if (r.control() == null) {
                continue;
            }
            implemented.add(r.control());
            if (!table.controls().contains(r.control())) {
                out.add(Diagnostic.rule(
                        UNKNOWN_CONTROL,
                        r.file(),
                        r.controlLine(),
                        r.controlColumn(),
                        "rule \""
                                + r.name() + "\" implements " + r.control() + ", which is not in "
                                + RuleSources.ENFORCEMENT
                                + ": add a row for it (its level in every environment)"));
            }
        }
        for (String control : table.controls()) {
            if (!implemented.contains(control)) {
                out.add(Diagnostic.rule(
                        CONTROL_WITHOUT_RULE,
                        file.label(),
                        table.lineOf(control),
                        1,
                        "control " + control + " has no rule: no rule says @control(\"" + control
                                + "\"), so it can never be violated"));
            }
        }
    }
}
