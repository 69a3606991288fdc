package dev.gatehouse.cli;

import dev.gatehouse.Inputs;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.log.DecisionLog;
import dev.gatehouse.model.EvaluationInput;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.report.GithubReport;
import dev.gatehouse.report.JUnitReport;
import dev.gatehouse.report.Json;
import dev.gatehouse.report.SarifReport;
import dev.gatehouse.report.Sources;
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

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json (default), text, junit, sarif or github (GitHub Actions workflow commands: annotations)")
    Format format;

    @Option(names = "--docs-url", paramLabel = "URL", defaultValue = SarifReport.DEFAULT_DOCS_URL,
            description = "sarif: the absolute URL of the policy docs folder (ending in /) each rule's helpUri points into"
                    + " (default: ${DEFAULT-VALUE})")
    String docsUrl;

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
        if (!absoluteFolderUrl(docsUrl)) {
            throw new UsageException("--docs-url must be an absolute URL ending in '/', not " + docsUrl);
        }
        Inputs.Located located = Inputs.readLocated(inputs.evidence, inputs.readback, inputs.exceptions);
        EvaluationInput input = located.input();
        // Reports name files relative to the working directory (the checkout, in CI) when they are under it.
        Sources sources = located.sources().relativeTo(Path.of("").toAbsolutePath());
        PolicyEngine engine = Options.engine(inputs.rules);
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
                    sources, docsUrl);
            case github -> GithubReport.render(decision, sources);
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

    private static boolean absoluteFolderUrl(String url) {
        try {
            return java.net.URI.create(url).isAbsolute() && url.endsWith("/");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
