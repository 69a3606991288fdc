package dev.gatehouse.internal.explain;

import dev.gatehouse.facts.ExceptionProblem;
import dev.gatehouse.facts.ExceptionRequest;
import dev.gatehouse.facts.ExceptionStatus;
import dev.gatehouse.facts.Settings;
import dev.gatehouse.facts.ValidException;
import dev.gatehouse.facts.Violation;
import dev.gatehouse.internal.evaluate.Evaluation;
import dev.gatehouse.internal.evaluate.Insertion;
import dev.gatehouse.internal.rulebase.RuleInfo;
import dev.gatehouse.model.BlockerAdvice;
import dev.gatehouse.model.PromotionDecision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * "What would it take?" for each blocking violation of a decision, from the evaluation's data only:
 * the rule that inserted the violation (recorded at insertion), its description with the current
 * settings, the control's level, and the exception problems the rules concluded. Problems the
 * violation's own rule matched (an exception status) come first: clearing them clears the
 * violation, whatever the level. For a soft violation, the relevant exceptions that name its
 * control and did not waive it are named with their problem. No control id is known here. Pure and
 * thread-safe.
 */
public final class Advisor {
    private Advisor() {}

    /** One piece of advice per blocking violation of {@code decision}, in the decision's order. */
    public static List<BlockerAdvice> advise(
            PromotionDecision decision, Evaluation evaluation, Map<String, RuleInfo> rules, Settings settings) {
        String env = decision.promotion().to();
        List<ExceptionProblem> problems = evaluation.all(ExceptionProblem.class);
        List<BlockerAdvice> out = new ArrayList<>();
        for (PromotionDecision.Violation v : decision.violations()) {
            Violation fact = evaluation.all(Violation.class).stream()
                    .filter(f -> f.control().equals(v.control())
                            && f.level().equals(v.enforcement())
                            && java.util.Objects.equals(f.subject(), v.subject())
                            && f.message().equals(v.message())
                            && java.util.Objects.equals(f.evidence(), v.evidence()))
                    .findFirst()
                    .orElse(null);
            Insertion insertion = fact == null ? null : evaluation.insertionOf(fact);
            RuleInfo info = insertion == null ? null : rules.get(insertion.rule());
            String needs = info == null ? null : settings.render(info.description());
            boolean soft = "soft".equals(v.enforcement());
            String meet = needs == null
                    ? "change the evidence so that " + v.control() + " is met"
                    : "meet the rule: " + needs;

            List<String> behind = new ArrayList<>();
            for (Object o : evaluation.matched(insertion)) {
                if (o instanceof ExceptionStatus s) {
                    problemOf(problems, s)
                            .ifPresent(p -> behind.add("exception " + p.exceptionId() + " is valid again: it is "
                                    + p.status() + " (" + p.reason() + "); " + p.remedy()));
                }
            }
            String remedy;
            if (!behind.isEmpty()) {
                remedy = v.control() + " is " + v.enforcement() + " in " + env
                        + (soft ? "" : ", so no exception can waive it") + ", but it is met once "
                        + String.join("; and once ", behind);
            } else if (!soft) {
                remedy = v.control() + " is hard in " + env + ": no exception can waive it; " + meet;
            } else {
                List<String> naming = naming(v, evaluation, problems);
                remedy = v.control() + " is soft in " + env + ": "
                        + (naming.isEmpty()
                                ? meet + "; or add an exception that names " + v.control() + ", scoped to "
                                        + decision.release().service() + " and " + env
                                        + (v.subject() != null
                                                ? " (if limited to findings, listing " + v.subject() + ")"
                                                : "")
                                        + ", that passes the exception lifecycle (docs/policy.md)"
                                : String.join("; ", naming) + "; or " + meet);
            }
            out.add(new BlockerAdvice(
                    v.control(),
                    v.enforcement(),
                    v.subject(),
                    v.message(),
                    v.evidence(),
                    insertion == null ? null : insertion.rule(),
                    needs,
                    soft,
                    remedy));
        }
        return out;
    }

    /** The problem that gave an exception its status, if the status came from one. */
    private static java.util.Optional<ExceptionProblem> problemOf(List<ExceptionProblem> problems, ExceptionStatus s) {
        return problems.stream()
                .filter(p ->
                        p.exceptionId().equals(s.exceptionId()) && p.status().equals(s.status()))
                .findFirst();
    }

    /**
     * The relevant exceptions that name the violation's control and did not waive it, by id: those
     * with a problem (with what would clear it) and valid ones limited to other findings.
     */
    private static List<String> naming(
            PromotionDecision.Violation v, Evaluation evaluation, List<ExceptionProblem> problems) {
        List<String> out = new ArrayList<>();
        List<ExceptionStatus> statuses = new ArrayList<>(evaluation.all(ExceptionStatus.class));
        statuses.sort(Comparator.comparing(ExceptionStatus::exceptionId));
        for (ExceptionStatus s : statuses) {
            ExceptionRequest x = evaluation.all(ExceptionRequest.class).stream()
                    .filter(r -> r.id().equals(s.exceptionId()))
                    .findFirst()
                    .orElse(null);
            if (x == null || !x.controls().contains(v.control())) {
                continue;
            }
            problemOf(problems, s)
                    .ifPresent(p -> out.add("exception " + p.exceptionId() + " names " + v.control() + " but is "
                            + p.status() + " (" + p.reason() + "); " + p.remedy()));
        }
        List<ValidException> valid = new ArrayList<>(evaluation.all(ValidException.class));
        valid.sort(Comparator.comparing(ValidException::id));
        for (ValidException x : valid) {
            if (x.exception().controls().contains(v.control()) && x.exception().findings() != null) {
                out.add("exception " + x.id() + " names " + v.control() + " but is limited to the findings "
                        + String.join(", ", x.exception().findings()) + "; list "
                        + (v.subject() == null ? "the violation's subject" : v.subject())
                        + " in its scope.findings");
            }
        }
        return out;
    }
}
