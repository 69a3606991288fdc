package dev.gatehouse.cases;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.GatehouseException;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.PromotionDecision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Runs golden cases against an engine and explains every difference in plain words. */
public final class CaseRunner {
    private CaseRunner() {}

    /** Runs one case. */
    public static CaseResult run(PolicyEngine engine, GoldenCase c) {
        EvaluationInput input;
        try {
            input = c.input();
        } catch (InvalidInputException e) {
            if (!c.expect().expectsInvalid()) {
                List<String> diffs = new ArrayList<>();
                diffs.add("expected a decision, but the input is invalid:");
                e.diagnostics().forEach(d -> diffs.add("  " + relative(c.dir(), d)));
                return new CaseResult(c, diffs, null);
            }
            List<String> actual =
                    e.diagnostics().stream().map(d -> relative(c.dir(), d)).toList();
            return new CaseResult(c, compareLines("diagnostic", c.expect().invalid(), actual), null);
        }
        if (c.expect().expectsInvalid()) {
            return new CaseResult(c, List.of("expected the input to be rejected, but it is valid"), null);
        }
        PromotionDecision d;
        try {
            d = engine.evaluate(input, c.at());
        } catch (GatehouseException e) {
            return new CaseResult(c, List.of("the evaluation failed: " + e.getMessage()), null);
        }
        return new CaseResult(c, compare(c.expect(), d), d);
    }

    /** Differences between an expectation and a decision, in a stable order; empty when they agree. */
    public static List<String> compare(Expectation e, PromotionDecision d) {
        List<String> diffs = new ArrayList<>();
        if (!Objects.equals(e.eligible(), d.eligible())) {
            diffs.add("eligible: expected " + e.eligible() + ", got " + d.eligible());
        }
        Integer ring = d.ring() == null ? null : d.ring().allowed();
        if (!Objects.equals(e.ring(), ring)) {
            diffs.add("ring: expected " + ringText(e.ring()) + ", got " + ringText(ring) + " (ring "
                    + ringText(e.ring()) + " -> " + ringText(ring) + ")");
        }
        if (e.ringReasons() != null) {
            List<String> codes = d.ring() == null
                    ? List.of()
                    : d.ring().reasons().stream()
                            .map(PromotionDecision.Reason::code)
                            .toList();
            if (!e.ringReasons().equals(codes)) {
                diffs.add("ring reasons: expected " + e.ringReasons() + ", got " + codes);
            }
        }
        diffs.addAll(items("violation", e.violations(), d.violations(), false));
        diffs.addAll(items("waiver", e.waived(), d.waived(), true));
        diffs.addAll(items("advisory", e.advisories(), d.advisories(), false));
        Map<String, String> actual = new TreeMap<>();
        d.exceptions().forEach(x -> actual.put(x.id(), x.status()));
        TreeSet<String> ids = new TreeSet<>(actual.keySet());
        ids.addAll(e.exceptions().keySet());
        for (String id : ids) {
            String want = e.exceptions().get(id);
            String got = actual.get(id);
            if (!Objects.equals(want, got)) {
                diffs.add("exception " + id + ": expected " + (want == null ? "not reported" : want) + ", got "
                        + (got == null ? "not reported" : got));
            }
        }
        return diffs;
    }

    private static List<String> items(
            String what, List<Expectation.Item> expected, List<PromotionDecision.Violation> actual, boolean waiver) {
        List<String> want = new ArrayList<>(
                expected.stream().map(Expectation.Item::toString).sorted().toList());
        List<String> got = new ArrayList<>(actual.stream()
                .map(v -> new Expectation.Item(v.control(), v.subject(), waiver ? v.exception() : null).toString())
                .sorted()
                .toList());
        List<String> missing = minus(want, got);
        List<String> extra = minus(got, want);
        List<String> out = new ArrayList<>();
        missing.forEach(m -> out.add(what + " vanished: " + m + " (expected, not in the decision)"));
        extra.forEach(x -> out.add(what + " appeared: " + x + " (in the decision, not expected)"));
        return out;
    }

    private static List<String> compareLines(String what, List<String> expected, List<String> actual) {
        List<String> out = new ArrayList<>();
        minus(expected, actual).forEach(m -> out.add(what + " vanished: " + m));
        minus(actual, expected).forEach(x -> out.add(what + " appeared: " + x));
        return out;
    }

    private static List<String> minus(Collection<String> a, Collection<String> b) {
        List<String> rest = new ArrayList<>(b);
        List<String> out = new ArrayList<>();
        for (String s : a) {
            if (!rest.remove(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static String ringText(Integer ring) {
        return ring == null ? "none" : ring.toString();
    }

    /** A diagnostic with its file named relative to the case folder. */
    static String relative(Path dir, Diagnostic d) {
        String file = d.file();
        String prefix = dir.toString() + java.io.File.separator;
        if (file.startsWith(prefix)) {
            file = file.substring(prefix.length());
        }
        return d.inFile(file).format();
    }
}
