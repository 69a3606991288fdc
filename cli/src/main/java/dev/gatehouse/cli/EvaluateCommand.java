package dev.gatehouse.cli;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.internal.Sources;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.log.DecisionLog;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.report.GithubReport;
import dev.gatehouse.report.JUnitReport;
import dev.gatehouse.report.SarifReport;
import dev.gatehouse.report.TextReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse evaluate}: one decision, exit 0 when eligible and 1 when not. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Evaluates release evidence and the target's readback against the rulebase.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:eligible",
            "1:not eligible",
            "2:bad input, bad usage or rules that do not compile",
            "3:internal error"
        })
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    EvaluationLimits limits = new EvaluationLimits();

    /** Output formats. */
    enum Format {
        json,
        text,
        junit,
        sarif,
        github
    }

    @CommandLine.Mixin
    BaseInputs inputs = new BaseInputs();

    @CommandLine.Mixin
    ArtifactOptions artifacts = new ArtifactOptions();

    @CommandLine.Mixin
    BundleOptions bundle = new BundleOptions();

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "json",
            description =
                    "json (default), text, junit, sarif or github (GitHub Actions workflow commands: annotations)")
    Format format;

    @Option(
            names = "--docs-url",
            paramLabel = "URL",
            defaultValue = SarifReport.DEFAULT_DOCS_URL,
            description =
                    "sarif: the absolute URL of the policy docs folder (ending in /) each rule's helpUri points into"
                            + " (default: ${DEFAULT-VALUE})")
    String docsUrl;

    @Option(names = "--output", paramLabel = "FILE", description = "write the report here instead of stdout")
    Path output;

    @Option(
            names = "--log",
            paramLabel = "FILE",
            description = "append the inputs and the decision to this hash-chained decision log (JSON lines)")
    Path log;

    @Option(
            names = "--log-key",
            paramLabel = "KEY",
            description = "sign every line --log writes with this private key (PEM, PKCS#8; Ed25519 or ECDSA P-256)")
    Path logKey;

    @Option(
            names = "--log-chain",
            paramLabel = "NAME",
            defaultValue = "gatehouse",
            description =
                    "with --log-key: the writer's chain name written into each line (one chain, and one log file, per writer;"
                            + " default ${DEFAULT-VALUE})")
    String logChain;

    @Option(
            names = "--attest",
            paramLabel = "FILE",
            description =
                    "also write the decision as a signed attestation (in-toto statement, SLSA VSA, DSSE envelope) here;"
                            + " needs --signing-key")
    Path attest;

    @Option(
            names = "--signing-key",
            paramLabel = "KEY",
            description = "the private key (PEM, PKCS#8; Ed25519 or ECDSA P-256) that signs --attest")
    Path signingKey;

    @Option(
            names = "--max-input-size",
            paramLabel = "SIZE",
            converter = Options.SizeConverter.class,
            description =
                    "refuse an input file larger than this, before parsing it: 8MiB, 512KiB, 1GiB or bytes (default 4MiB)")
    Long maxInputSize;

    @Option(
            names = "--max-total-input-size",
            paramLabel = "SIZE",
            converter = Options.SizeConverter.class,
            description = "refuse inputs larger than this all together (default four times --max-input-size)")
    Long maxTotalInputSize;

    @Option(
            names = "--max-exception-files",
            paramLabel = "N",
            description = "refuse an exceptions folder with more entries than this (default 500)")
    Integer maxExceptionFiles;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    EvaluateCommand() {
        this(Clock.systemUTC());
    }

    EvaluateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (!absoluteFolderUrl(docsUrl)) {
            throw new UsageException("--docs-url must be an absolute URL ending in '/', not " + docsUrl);
        }
        // Destinations first: a report or log that would overwrite an input, or has no folder, is bad usage (2),
        // found before any work.
        boolean assemble = artifacts.manifest != null || artifacts.anyArtifact();
        if (assemble && (inputs.evidence != null || inputs.readback != null)) {
            throw new UsageException(
                    "give --evidence and --readback, or --manifest and artifact flags to assemble them," + " not both");
        }
        if (!assemble) {
            inputs.requireDocuments(spec.qualifiedName());
        }
        List<Outputs.Input> read = new ArrayList<>(Outputs.inputs(inputs));
        read.addAll(artifacts.inputs());
        bundle.check(inputs.rules, "--rules");
        if (bundle.asInput() != null) {
            read.add(bundle.asInput());
        }
        if (output != null) {
            Outputs.checkDestination("--output", output, read);
        }
        if (logKey != null && log == null) {
            throw new UsageException("--log-key needs --log FILE (the log whose lines it signs)");
        }
        DecisionLog.Sealer sealer =
                logKey == null ? null : TrustOptions.logSealer("--log-key", logKey, "--log-chain", logChain);
        if ((attest == null) != (signingKey == null)) {
            throw new UsageException(
                    attest == null
                            ? "--signing-key needs --attest FILE (where the signed decision goes)"
                            : "--attest needs --signing-key KEY (the private key that signs it)");
        }
        dev.gatehouse.trust.Keys.SigningKey attestKey = null;
        if (attest != null) {
            List<Outputs.Input> notTheAttestation = new ArrayList<>(read);
            notTheAttestation.add(new Outputs.Input("the signing key", signingKey));
            if (output != null) {
                notTheAttestation.add(new Outputs.Input("the --output file", output));
            }
            Outputs.checkDestination("--attest", attest, notTheAttestation);
            attestKey = TrustOptions.signingKey("--signing-key", signingKey);
        }
        if (log != null) {
            List<Outputs.Input> notTheLog = new ArrayList<>(read);
            if (output != null) {
                notTheLog.add(new Outputs.Input("the --output file", output));
            }
            if (logKey != null) {
                notTheLog.add(new Outputs.Input("the log key", logKey));
            }
            if (attest != null) {
                notTheLog.add(new Outputs.Input("the --attest file", attest));
                notTheLog.add(new Outputs.Input("the signing key", signingKey));
            }
            Outputs.checkDestination("--log", log, notTheLog);
        }
        dev.gatehouse.InputLimits inputLimits = Options.limits(maxInputSize, maxTotalInputSize, maxExceptionFiles);
        EvaluationInput input;
        Sources sources;
        if (assemble) {
            // The documents `assemble` would write, validated again with the exceptions folder.
            dev.gatehouse.assemble.Assembly a = artifacts.assembler(inputLimits).assemble();
            String label = artifacts.manifest.toString();
            input = dev.gatehouse.internal.InputReading.fromTrees(
                    a.evidence(), label, a.readback(), label, inputs.exceptions, inputLimits);
            sources = Sources.of(label, label);
        } else {
            dev.gatehouse.internal.InputReading.Located located = dev.gatehouse.internal.InputReading.readLocated(
                    inputs.evidence, inputs.readback, inputs.exceptions, inputLimits);
            input = located.input();
            // Reports name files relative to the working directory (the checkout, in CI) when they are under it.
            sources = located.sources().relativeTo(Path.of("").toAbsolutePath());
        }
        PolicyEngine engine =
                bundle.engine(inputs.rules, limits, spec.commandLine().getErr());
        Instant now = inputs.at != null ? inputs.at : clock.instant();
        PromotionDecision decision = engine.evaluate(input, now);
        if (bundle.opened != null) {
            decision = decision.withBundle(bundle.opened.provenance());
        }
        String rendered = switch (format) {
            case json -> Json.pretty(decision);
            case text -> TextReport.render(decision);
            case junit ->
                JUnitReport.render(
                        decision,
                        engine.enforcementIn(input.evidence().promotion().to()));
            case sarif ->
                SarifReport.render(
                        decision,
                        engine.ruleMetadata(),
                        engine.enforcementIn(input.evidence().promotion().to()),
                        sources,
                        docsUrl);
            case github -> GithubReport.render(decision, sources);
        };
        if (output != null) {
            Outputs.write("--output", output, rendered);
        } else {
            Outputs.print(spec, rendered);
        }
        if (attest != null) {
            Outputs.write(
                    "--attest",
                    attest,
                    new String(
                            dev.gatehouse.trust.Attestations.signedJson(input, decision, attestKey),
                            java.nio.charset.StandardCharsets.UTF_8));
        }
        // Logged only once the report is out: a run that failed to report (2 or 3) leaves no line behind.
        if (log != null) {
            DecisionLog.Appended appended;
            try {
                appended = DecisionLog.append(log, input, now, decision, sealer);
            } catch (IOException e) {
                throw new OutputFailure("the decision was reported but not logged: cannot append to the decision log "
                        + log + ": " + Outputs.reason(e));
            }
            if (appended.removed() != null) {
                spec.commandLine()
                        .getErr()
                        .println("gatehouse: the decision log " + log + " ended in a torn line "
                                + appended.removed().line() + " ("
                                + appended.removed().bytes() + " bytes without a newline: an earlier "
                                + "append did not complete); removed it, and logged this decision as line "
                                + appended.line());
            }
        }
        return decision.eligible() ? ExitCode.OK : ExitCode.NOT_ELIGIBLE;
    }

    private static boolean absoluteFolderUrl(String url) {
        try {
            return java.net.URI.create(url).isAbsolute() && url.endsWith("/");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
