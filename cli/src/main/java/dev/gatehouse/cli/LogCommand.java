package dev.gatehouse.cli;

import dev.gatehouse.log.DecisionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse log verify FILE}: checks a decision log's hash chain. */
@Command(
        name = "log",
        mixinStandardHelpOptions = true,
        description = "Works with decision logs written by evaluate --log.",
        subcommands = LogCommand.Verify.class)
final class LogCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a log command is required: verify");
    }

    /** {@code gatehouse log verify FILE}. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Checks that no line of a decision log was edited, reordered or deleted (the last line is "
                    + "covered by the head hash it prints: keep it elsewhere).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:the chain is intact",
                "1:a line is broken, or the last is torn (the first is named)",
                "2:bad usage",
                "3:internal error"
            })
    static final class Verify implements Callable<Integer> {
        private static final java.util.regex.Pattern HEAD = java.util.regex.Pattern.compile("^sha256:[0-9a-f]{64}$");

        @Parameters(index = "0", paramLabel = "FILE", description = "the decision log")
        Path file;

        @Option(
                names = "--key",
                paramLabel = "PUB",
                description = "the log key's public key (PEM, SPKI): every line must carry its signature")
        Path key;

        @Option(
                names = "--chain",
                paramLabel = "NAME",
                description = "with --key: the chain (writer) every line must name")
        String chain;

        @Option(
                names = "--expect-head",
                paramLabel = "sha256:HEX",
                description =
                        "a head published earlier (printed by log verify): it must be the head of a line, so the log "
                                + "was not truncated or rewritten since")
        String expectHead;

        @Option(
                names = "--reevaluate",
                description = "decide every logged input again with --rules (or the default rulebase) "
                        + "where the line's rulebase digest is that rulebase's, and report every decision that differs")
        boolean reevaluate;

        @Option(
                names = "--rules",
                paramLabel = "DIR",
                description = "with --reevaluate: the rulebase folder (default: as for evaluate)")
        Path rules;

        @CommandLine.Mixin
        EvaluationLimits limits = new EvaluationLimits();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("the log " + file + " does not exist");
            }
            if (expectHead != null && !HEAD.matcher(expectHead).matches()) {
                throw new UsageException(
                        "--expect-head must be sha256: and 64 lower-case hex characters, not " + expectHead);
            }
            if (chain != null && key == null) {
                throw new UsageException("--chain needs --key (the chain is what the signed lines name)");
            }
            if (rules != null && !reevaluate) {
                throw new UsageException("--rules needs --reevaluate");
            }
            dev.gatehouse.trust.Keys.VerificationKey pub =
                    key == null ? null : TrustOptions.verificationKey("--key", key);
            dev.gatehouse.trust.LogSignatures.Checker checker =
                    new dev.gatehouse.trust.LogSignatures.Checker(pub, chain);
            DecisionLog.Verification v;
            try {
                v = DecisionLog.verify(file, new DecisionLog.LineCheck() {
                    @Override
                    public String check(long n, byte[] line, com.fasterxml.jackson.databind.JsonNode tree) {
                        return checker.check(n, line, tree);
                    }

                    @Override
                    public boolean provesLines() {
                        return pub != null;
                    }
                });
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e.getMessage());
            }
            if (!v.ok()) {
                // A torn tail is named as such (an append that died midway), an edit as broken.
                Outputs.print(
                        spec, file + ":" + v.firstBroken() + ": " + (v.torn() ? "" : "broken: ") + v.problem() + "\n");
                return ExitCode.NOT_ELIGIBLE;
            }
            String at = "";
            if (expectHead != null) {
                int index = checker.heads().indexOf(expectHead);
                if (index < 0) {
                    Outputs.print(
                            spec,
                            file + ": broken: the expected head " + expectHead + " is the head of no line: lines were "
                                    + "removed from its end, or it was rewritten (it has " + v.lines() + " line"
                                    + (v.lines() == 1 ? "" : "s")
                                    + ", head " + v.head() + ")\n");
                    return ExitCode.NOT_ELIGIBLE;
                }
                at = index + 1 == v.lines()
                        ? ", the expected head"
                        : ", the expected head is line " + (index + 1) + "'s";
            }
            String signatures = "";
            if (pub != null) {
                signatures = v.lines() == 0
                        ? ""
                        : ", every line signed by " + pub.keyId() + " (chain " + checker.chain() + ")";
            } else if (checker.sawSignature()) {
                signatures = ", signatures not checked (give --key)";
            }
            Outputs.print(
                    spec,
                    file + ": OK, " + v.lines() + " line" + (v.lines() == 1 ? "" : "s") + ", head " + v.head() + at
                            + signatures + "\n");
            if (reevaluate) {
                return Reevaluation.run(spec, file, Options.engine(rules, limits));
            }
            return ExitCode.OK;
        }
    }
}
