package dev.gatehouse.cli;

import dev.gatehouse.PolicyEngine;
import dev.gatehouse.cases.CaseLoader;
import dev.gatehouse.cases.CaseReport;
import dev.gatehouse.cases.CaseResult;
import dev.gatehouse.cases.CaseRunner;
import dev.gatehouse.cases.Coverage;
import dev.gatehouse.cases.GoldenCase;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse test}: runs the golden cases against a rulebase and reports pass/fail and coverage. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description =
                "Runs the golden cases against the rulebase: one line per case, a diff for each failure, coverage.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every case passed (and coverage is at least --min-coverage)",
            "1:a case failed, or coverage is below --min-coverage",
            "2:rules that do not compile, bad fixtures or bad usage",
            "3:internal error"
        })
final class TestCommand implements Callable<Integer> {
    @CommandLine.Mixin
    EvaluationLimits limits = new EvaluationLimits();

    @CommandLine.Mixin
    BundleOptions bundle = new BundleOptions();

    @Option(
            names = "--rules",
            paramLabel = "DIR",
            description =
                    "the rulebase folder (default: the repository's rules/ with ./gatehouse, else the copy bundled at build time)")
    Path rules;

    @Option(
            names = "--fixtures",
            paramLabel = "DIR",
            defaultValue = "fixtures",
            description = "the golden cases folder (default: ${DEFAULT-VALUE})")
    Path fixtures;

    @Option(names = "--junit", paramLabel = "FILE", description = "also write a JUnit XML report here")
    Path junit;

    @Option(
            names = "--min-coverage",
            paramLabel = "PCT",
            description = "fail when rule or control coverage is below this percentage (0 to 100)")
    BigDecimal minCoverage;

    @Option(
            names = "--run",
            paramLabel = "PATTERN",
            description = "run only the cases whose name matches this regular expression")
    String run;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (minCoverage != null && (minCoverage.signum() < 0 || minCoverage.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new UsageException("--min-coverage must be between 0 and 100, not " + minCoverage.toPlainString());
        }
        Pattern select;
        try {
            select = run == null ? null : Pattern.compile(run);
        } catch (PatternSyntaxException e) {
            throw new UsageException("--run is not a regular expression: " + e.getDescription());
        }
        bundle.check(rules, "--rules");
        if (!Files.isDirectory(fixtures)) {
            throw new UsageException("no fixtures folder: " + fixtures);
        }
        if (junit != null) {
            List<Outputs.Input> read =
                    new ArrayList<>(Outputs.filesUnder("a golden case file", fixtures, Integer.MAX_VALUE));
            read.addAll(Outputs.filesUnder("a rulebase file", rules, Integer.MAX_VALUE));
            if (bundle.asInput() != null) {
                read.add(bundle.asInput());
            }
            Outputs.checkDestination("--junit", junit, read);
        }
        PolicyEngine engine = bundle.engine(rules, limits, spec.commandLine().getErr());
        CaseLoader.Loaded loaded = CaseLoader.load(fixtures);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<dev.gatehouse.model.Diagnostic> bad = new ArrayList<>(loaded.diagnostics());
        bad.addAll(CaseLoader.unknownControls(loaded.cases(), engine.controls()));
        if (!bad.isEmpty()) {
            Main.printDiagnostics(bad, err);
            err.println("gatehouse: bad fixtures (" + bad.size() + " problem" + (bad.size() == 1 ? "" : "s")
                    + "); no case was run");
            return ExitCode.BAD_INPUT;
        }
        List<GoldenCase> cases = loaded.cases().stream()
                .filter(c -> select == null || select.matcher(c.name()).find())
                .toList();
        if (cases.isEmpty()) {
            throw new UsageException(run == null ? "no golden case under " + fixtures : "no case matches --run " + run);
        }
        List<CaseResult> results =
                cases.stream().map(c -> CaseRunner.run(engine, c)).toList();
        Coverage coverage = Coverage.ofResults(engine, results);
        out.print(CaseReport.text(results));
        out.print(coverage.render());
        out.flush();
        if (junit != null) {
            Outputs.write("--junit", junit, CaseReport.junit(fixtures.toString(), results, coverage));
        }
        int exit = results.stream().allMatch(CaseResult::passed) ? ExitCode.OK : ExitCode.NOT_ELIGIBLE;
        if (exit != ExitCode.OK) {
            err.println("gatehouse: "
                    + results.stream().filter(r -> !r.passed()).count() + " of " + results.size() + " cases failed");
        }
        if (minCoverage != null && !coverage.meets(minCoverage)) {
            err.println("gatehouse: coverage is below --min-coverage " + minCoverage.toPlainString() + "%: rules "
                    + coverage.rulePercent().toPlainString() + "%, controls "
                    + coverage.controlPercent().toPlainString() + "%");
            exit = ExitCode.NOT_ELIGIBLE;
        }
        err.flush();
        return exit;
    }
}
