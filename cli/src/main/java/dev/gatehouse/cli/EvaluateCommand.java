package dev.gatehouse.cli;

import dev.gatehouse.Inputs;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.log.DecisionLog;
import dev.gatehouse.model.EvaluationInput;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.report.JUnitReport;
import dev.gatehouse.report.Json;
import dev.gatehouse.report.SarifReport;
import dev.gatehouse.report.TextReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
        exitCodeList = {"0:eligible", "1:not eligible", "2:bad input, bad usage or rules that do not compile", "3:internal error"})
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    EvaluationLimits limits = new EvaluationLimits();

    /** Output formats. */
    enum Format {
        json,
        text,
        junit,
        sarif
    }

    @CommandLine.Mixin
    BaseInputs inputs = new BaseInputs();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json (default), text, junit or sarif")
    Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "write the report here instead of stdout")
    Path output;

    @Option(names = "--log", paramLabel = "FILE",
            description = "append the inputs and the decision to this hash-chained decision log (JSON lines)")
    Path log;

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
        EvaluationInput input = Inputs.read(inputs.evidence, inputs.readback, inputs.exceptions);
        PolicyEngine engine = Options.engine(inputs.rules, limits);
        Instant now = inputs.at != null ? inputs.at : clock.instant();
        PromotionDecision decision = engine.evaluate(input, now);
        if (log != null) {
            try {
                DecisionLog.append(log, input, now, decision);
            } catch (IOException e) {
                throw new UsageException("cannot append to the decision log " + log + ": " + e.getMessage());
            }
        }
        String rendered = switch (format) {
            case json -> Json.pretty(decision);
            case text -> TextReport.render(decision);
            case junit -> JUnitReport.render(decision, engine.enforcementIn(input.evidence().promotion().to()));
            case sarif -> SarifReport.render(decision, engine.ruleMetadata(),
                    engine.enforcementIn(input.evidence().promotion().to()),
                    new SarifReport.Documents(inputs.evidence.toString(), inputs.readback.toString(),
                            inputs.exceptions == null ? null : inputs.exceptions.toString()));
        };
        if (output != null) {
            try {
                Files.writeString(output, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot write " + output + ": " + e.getMessage());
            }
        } else {
            spec.commandLine().getOut().print(rendered);
            spec.commandLine().getOut().flush();
        }
        return decision.eligible() ? ExitCode.OK : ExitCode.NOT_ELIGIBLE;
    }
}
