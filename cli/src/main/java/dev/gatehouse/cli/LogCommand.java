package dev.gatehouse.cli;

import dev.gatehouse.log.DecisionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gatehouse log verify FILE}: checks a decision log's hash chain. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Works with decision logs written by evaluate --log.",
        subcommands = LogCommand.Verify.class)
final class LogCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a log command is required: verify");
    }

    /** {@code gatehouse log verify FILE}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks that no line of a decision log was edited, reordered or deleted (the last line is "
                    + "covered by the head hash it prints: keep it elsewhere).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the chain is intact", "1:a line is broken, or the last is torn (the first is named)", "2:bad usage",
                "3:internal error"})
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "the decision log")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("the log " + file + " does not exist");
            }
            DecisionLog.Verification v;
            try {
                v = DecisionLog.verify(file);
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e.getMessage());
            }
            if (!v.ok()) {
                // A torn tail is named as such (an append that died midway), an edit as broken.
                Outputs.print(spec, file + ":" + v.firstBroken() + ": " + (v.torn() ? "" : "broken: ") + v.problem() + "\n");
                return ExitCode.NOT_ELIGIBLE;
            }
            Outputs.print(spec, file + ": OK, " + v.lines() + " line" + (v.lines() == 1 ? "" : "s") + ", head " + v.head() + "\n");
            return ExitCode.OK;
        }
    }
}
