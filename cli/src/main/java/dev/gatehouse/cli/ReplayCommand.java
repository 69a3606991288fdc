package dev.gatehouse.cli;

import dev.gatehouse.PolicyEngine;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.whatif.Replay;
import dev.gatehouse.whatif.ReplayReport;
import dev.gatehouse.whatif.WhatIfText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse replay}: what a rule change does to a corpus of cases or a decision log. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description =
                "Evaluates every case of a corpus (a fixtures tree, or a decision log) under a baseline and a "
                        + "candidate rulebase and reports the decisions that change: flips, their direction and causes, ring changes.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:it ran",
            "1:--fail-on-flip and some decision flips",
            "2:bad input, bad usage or rules that do not compile",
            "3:internal error"
        })
final class ReplayCommand implements Callable<Integer> {
    @CommandLine.Mixin
    EvaluationLimits limits = new EvaluationLimits();

    /** Output formats. */
    enum Format {
        json,
        text
    }

    @Option(names = "--rules", paramLabel = "DIR", description = "the candidate rulebase (or --bundle)")
    Path rules;

    @CommandLine.Mixin
    BundleOptions bundle = new BundleOptions();

    @Option(
            names = "--baseline-rules",
            paramLabel = "DIR",
            description = "the baseline rulebase (default: the default rulebase, as for evaluate)")
    Path baselineRules;

    @Option(
            names = "--corpus",
            required = true,
            paramLabel = "DIR|LOG.jsonl",
            description =
                    "a fixtures-shaped folder of cases (each at its case.yaml's at) or a decision log from evaluate --log")
    Path corpus;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json")
    Format format;

    @Option(names = "--fail-on-flip", description = "exit 1 when any decision flips")
    boolean failOnFlip;

    @Option(names = "--threads", paramLabel = "N", description = "evaluation threads (default: one per core)")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.exists(corpus)) {
            throw new UsageException("the corpus " + corpus + " does not exist");
        }
        bundle.check(rules, "--rules");
        if (rules == null && bundle.bundle == null) {
            throw new UsageException("the candidate rulebase is required: --rules DIR or --bundle FILE");
        }
        if (threads != null && threads < 1) {
            throw new UsageException("--threads must be at least 1, not " + threads);
        }
        // The bundle first: it is verified before anything is compiled.
        PolicyEngine candidate = bundle.engine(rules, limits, spec.commandLine().getErr());
        PolicyEngine baseline = Options.engine(baselineRules, limits);
        Replay.Corpus cases;
        try {
            cases = Replay.load(corpus);
        } catch (IOException e) {
            throw new UsageException("cannot read the corpus: " + e.getMessage());
        }
        ReplayReport report = threads == null
                ? Replay.run(baseline, candidate, cases)
                : Replay.run(baseline, candidate, cases, threads);
        spec.commandLine().getOut().print(format == Format.json ? Json.pretty(report) : WhatIfText.render(report));
        spec.commandLine().getOut().flush();
        return failOnFlip && report.flips() > 0 ? ExitCode.NOT_ELIGIBLE : ExitCode.OK;
    }
}
