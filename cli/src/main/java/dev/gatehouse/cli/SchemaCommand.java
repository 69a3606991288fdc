package dev.gatehouse.cli;

import dev.gatehouse.Inputs;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gatehouse schema KIND}: prints the JSON Schema of an input kind. */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Prints the JSON Schema (draft 2020-12) of an input kind, generated from the contract types.")
final class SchemaCommand implements Callable<Integer> {
    /** The input kinds. */
    enum Kind {
        ReleaseEvidence,
        EnvironmentReadback,
        RiskException,
        AssembleManifest
    }

    @Parameters(
            index = "0",
            paramLabel = "KIND",
            description =
                    "ReleaseEvidence, EnvironmentReadback, RiskException or AssembleManifest (gatehouse assemble --manifest)")
    Kind kind;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getOut()
                .print(
                        kind == Kind.AssembleManifest
                                ? dev.gatehouse.assemble.Assembler.manifestSchema()
                                : Inputs.schema(kind.name()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
