package dev.gatehouse.cli;

import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The options that name one evaluation's inputs, shared by evaluate and whatif (a picocli mixin). */
final class BaseInputs {
    @Option(names = "--evidence", paramLabel = "FILE", description = "the release evidence (JSON or YAML)")
    Path evidence;

    @Option(names = "--readback", paramLabel = "FILE", description = "the target environment's readback (JSON or YAML)")
    Path readback;

    @Option(
            names = "--exceptions",
            paramLabel = "DIR",
            description = "a folder of residual-risk exceptions (*.yaml, *.yml, *.json)")
    Path exceptions;

    @Option(
            names = "--rules",
            paramLabel = "DIR",
            description =
                    "the rulebase folder (default: the repository's rules/ with ./gatehouse, else the copy bundled at build time)")
    Path rules;

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            converter = Options.InstantConverter.class,
            description = "the evaluation time, RFC 3339 UTC (default: now)")
    Instant at;

    /**
     * Both documents must be named (evaluate may assemble them from --manifest instead, so picocli cannot require
     * them); said as picocli says a missing required option, for {@code command} (e.g. "gatehouse evaluate").
     */
    void requireDocuments(String command) {
        if (evidence == null || readback == null) {
            String missing = evidence == null && readback == null
                    ? "options: '--evidence=FILE', '--readback=FILE'"
                    : evidence == null ? "option: '--evidence=FILE'" : "option: '--readback=FILE'";
            throw new UsageException("Missing required " + missing + "\nTry '" + command + " --help' for usage.");
        }
    }
}
