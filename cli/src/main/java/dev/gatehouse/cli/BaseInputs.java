package dev.gatehouse.cli;

import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The options that name one evaluation's inputs, shared by evaluate and whatif (a picocli mixin). */
final class BaseInputs {
    @Option(names = "--evidence", required = true, paramLabel = "FILE", description = "the release evidence (JSON)")
    Path evidence;

    @Option(names = "--readback", required = true, paramLabel = "FILE", description = "the target environment's readback (JSON)")
    Path readback;

    @Option(names = "--exceptions", paramLabel = "DIR", description = "a folder of residual-risk exceptions (*.yaml, *.yml, *.json)")
    Path exceptions;

    @Option(names = "--rules", paramLabel = "DIR", description = "the rulebase folder (default: the repository's rules/ with ./gatehouse, else the copy bundled at build time)")
    Path rules;

    @Option(names = "--at", paramLabel = "INSTANT", converter = Options.InstantConverter.class,
            description = "the evaluation time, RFC 3339 UTC (default: now)")
    Instant at;
}
