package dev.gatehouse.cli;

import dev.gatehouse.lint.Linter;
import dev.gatehouse.model.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse check}: compiles and lints a rulebase; findings on stderr, exit 0 clean or 2. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Compiles and lints the rulebase; prints each finding as file:line:col: code: message.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding", "2:findings (or rules that do not compile)", "3:internal error"})
final class CheckCommand implements Callable<Integer> {
    @Option(
            names = "--rules",
            paramLabel = "DIR",
            description =
                    "the rulebase folder (default: the repository's rules/ with ./gatehouse, else the copy bundled at build time)")
    Path rules;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = Options.rulesOrDefault(rules);
        List<Diagnostic> findings = dir == null ? Linter.lintBundled() : Linter.lint(dir);
        String where = dir == null ? "the default rulebase" : dir.toString();
        if (findings.isEmpty()) {
            spec.commandLine().getOut().println("gatehouse: " + where + ": no finding");
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
        // In the linter's order (compile errors, then tables, then lints), each with its note line if any.
        findings.forEach(d -> spec.commandLine().getErr().println(d.formatWithNote()));
        spec.commandLine()
                .getErr()
                .println("gatehouse: " + where + ": " + findings.size() + " finding"
                        + (findings.size() == 1 ? "" : "s"));
        spec.commandLine().getErr().flush();
        return ExitCode.BAD_INPUT;
    }
}
