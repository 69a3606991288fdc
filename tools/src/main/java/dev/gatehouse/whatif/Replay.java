package dev.gatehouse.whatif;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.GatehouseException;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.cases.CaseLoader;
import dev.gatehouse.log.DecisionLog;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.PromotionDecision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Replays a corpus under a baseline and a candidate rulebase: every case is evaluated by both
 * (each rulebase compiled once by the caller, cases in parallel), and the report says how many
 * decisions flip, which way, which cases, which controls cause each flip and which rings change.
 */
public final class Replay {
    private Replay() {}

    /** One case of a corpus: a name, a validated input and the time to evaluate it at. */
    public record Case(String name, EvaluationInput input, Instant at) {
        public Case {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The cases to replay, in order, and the ones that could not be read (name: why). */
    public record Corpus(List<Case> cases, List<String> skipped) {
        public Corpus {
            cases = List.copyOf(cases);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * A corpus from a file or folder: a folder is a fixtures tree (each case at its {@code at};
     * cases whose inputs are invalid are skipped and listed), a file is a decision log (each line
     * at the time it was evaluated).
     */
    public static Corpus load(Path corpus) throws IOException {
        return Files.isDirectory(corpus) ? fixtures(corpus) : log(corpus);
    }

    /** A fixtures tree: every golden case, evaluated at its {@code at}. */
    public static Corpus fixtures(Path dir) throws IOException {
        CaseLoader.Loaded loaded = CaseLoader.load(dir);
        if (!loaded.diagnostics().isEmpty()) {
            throw new InvalidInputException(loaded.diagnostics());
        }
        // Reading and validating dominate a large corpus: do it in parallel, keeping the corpus order.
        List<Object> read = loaded.cases().parallelStream()
                .map(c -> {
                    try {
                        return (Object) new Case(c.name(), c.input(), c.at());
                    } catch (InvalidInputException e) {
                        return c.name() + ": invalid input (" + e.diagnostics().size() + " problem"
                                + (e.diagnostics().size() == 1 ? "" : "s") + ")";
                    }
                })
                .toList();
        List<Case> cases = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Object r : read) {
            if (r instanceof Case c) {
                cases.add(c);
            } else {
                skipped.add((String) r);
            }
        }
        return new Corpus(cases, skipped);
    }

    /** A decision log: every line, re-validated, evaluated at the time it was logged. */
    public static Corpus log(Path file) throws IOException {
        List<Case> cases = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<DecisionLog.Entry> entries = DecisionLog.read(file);
        int width = String.valueOf(entries.size()).length();
        for (DecisionLog.Entry e : entries) {
            String name = "line " + String.format("%0" + width + "d", e.line()) + " "
                    + e.evidence().path("release").path("service").asText() + " "
                    + e.evidence().path("release").path("version").asText() + " -> "
                    + e.evidence().path("promotion").path("to").asText();
            String label = file + ":" + e.line();
            try {
                cases.add(new Case(
                        name,
                        dev.gatehouse.internal.InputReading.fromTrees(
                                e.evidence(),
                                label + " evidence",
                                e.readback(),
                                label + " readback",
                                e.exceptions(),
                                label + " exceptions"),
                        e.at()));
            } catch (InvalidInputException x) {
                skipped.add(name + ": invalid input: "
                        + x.diagnostics().stream()
                                .map(Diagnostic::format)
                                .findFirst()
                                .orElse(""));
            }
        }
        return new Corpus(cases, skipped);
    }

    /** Replays with as many threads as there are cores. */
    public static ReplayReport run(PolicyEngine baseline, PolicyEngine candidate, Corpus corpus) {
        return run(baseline, candidate, corpus, Runtime.getRuntime().availableProcessors());
    }

    /** Replays with {@code threads} threads; the report does not depend on their number. */
    public static ReplayReport run(PolicyEngine baseline, PolicyEngine candidate, Corpus corpus, int threads) {
        List<Case> cases = corpus.cases();
        List<Outcome> outcomes;
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            outcomes = pool.submit(() -> IntStream.range(0, cases.size())
                            .parallel()
                            .mapToObj(i -> evaluate(baseline, candidate, cases.get(i)))
                            .toList())
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        List<ReplayReport.CaseChange> changed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, Integer> byControl = new TreeMap<>();
        int flips = 0;
        int newlyDenied = 0;
        int ringChanges = 0;
        for (int i = 0; i < cases.size(); i++) {
            Outcome o = outcomes.get(i);
            if (o.error != null) {
                errors.add(cases.get(i).name() + ": " + o.error);
                continue;
            }
            DecisionDiff d = o.diff;
            if (!d.changed()) {
                continue;
            }
            changed.add(new ReplayReport.CaseChange(cases.get(i).name(), d));
            if (d.eligibilityChanged()) {
                flips++;
                if (d.baseEligible()) {
                    newlyDenied++;
                }
                d.causes().forEach(c -> byControl.merge(c, 1, Integer::sum));
            }
            if (d.ring() != null && d.ring().changed()) {
                ringChanges++;
            }
        }
        return new ReplayReport(
                baseline.rulebaseDigest(),
                candidate.rulebaseDigest(),
                cases.size(),
                corpus.skipped(),
                errors,
                flips,
                newlyDenied,
                flips - newlyDenied,
                ringChanges,
                byControl,
                changed);
    }

    private record Outcome(DecisionDiff diff, String error) {}

    private static Outcome evaluate(PolicyEngine baseline, PolicyEngine candidate, Case c) {
        PromotionDecision a;
        try {
            a = baseline.evaluate(c.input(), c.at());
        } catch (GatehouseException e) {
            return new Outcome(null, "the baseline rulebase could not decide: " + e.getMessage());
        }
        try {
            return new Outcome(DecisionDiff.between(a, candidate.evaluate(c.input(), c.at())), null);
        } catch (GatehouseException e) {
            return new Outcome(null, "the candidate rulebase could not decide: " + e.getMessage());
        }
    }
}
