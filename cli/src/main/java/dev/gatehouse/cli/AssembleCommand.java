package dev.gatehouse.cli;

import dev.gatehouse.assemble.Assembly;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse assemble}: both input documents from a manifest and the artifacts CI already makes. */
@Command(
        name = "assemble",
        mixinStandardHelpOptions = true,
        description = "Assembles the release evidence and the readback from a manifest and CI artifacts (Trivy, SARIF, "
                + "JUnit, CycloneDX, VEX, SLSA provenance and VSA, Kubernetes, Argo CD, pull-request reviews).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:both documents written",
            "2:bad input or bad usage (diagnostics on stderr)",
            "3:internal error"
        })
final class AssembleCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ArtifactOptions artifacts = new ArtifactOptions();

    @Option(
            names = "--evidence-out",
            required = true,
            paramLabel = "FILE",
            description = "where to write the ReleaseEvidence")
    Path evidenceOut;

    @Option(
            names = "--readback-out",
            required = true,
            paramLabel = "FILE",
            description = "where to write the EnvironmentReadback")
    Path readbackOut;

    @Option(
            names = "--explain",
            description = "print where each imported value came from: file and JSON Pointer or line")
    boolean explain;

    @Option(
            names = "--max-input-size",
            paramLabel = "SIZE",
            converter = Options.SizeConverter.class,
            description = "refuse an artifact larger than this, before parsing it (default 4MiB)")
    Long maxInputSize;

    @Option(
            names = "--max-total-input-size",
            paramLabel = "SIZE",
            converter = Options.SizeConverter.class,
            description = "refuse artifacts larger than this all together (default four times --max-input-size)")
    Long maxTotalInputSize;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Outputs.Input> read = artifacts.inputs();
        Outputs.checkDestination("--evidence-out", evidenceOut, read);
        List<Outputs.Input> notTheEvidence = new ArrayList<>(read);
        notTheEvidence.add(new Outputs.Input("the --evidence-out file", evidenceOut));
        Outputs.checkDestination("--readback-out", readbackOut, notTheEvidence);
        Assembly a = artifacts
                .assembler(Options.limits(maxInputSize, maxTotalInputSize, null))
                .assemble();
        Outputs.write("--evidence-out", evidenceOut, a.evidenceJson());
        Outputs.write("--readback-out", readbackOut, a.readbackJson());
        if (explain) {
            Outputs.print(spec, a.explain());
        }
        return ExitCode.OK;
    }
}
