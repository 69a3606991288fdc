package dev.gatehouse.cli;

import dev.gatehouse.PolicyEngine;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.whatif.Blocker;
import dev.gatehouse.whatif.Blockers;
import dev.gatehouse.whatif.Changes;
import dev.gatehouse.whatif.Scenario;
import dev.gatehouse.whatif.WhatIfEngine;
import dev.gatehouse.whatif.WhatIfResult;
import dev.gatehouse.whatif.WhatIfText;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse whatif}: the base and a changed variant, side by side, and their difference. */
@Command(
        name = "whatif",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates the base, then a variant with changed inputs, exceptions, time or rulebase, and prints both "
                    + "outcomes and their difference.",
            "Edits (--set, --unset, --patch) apply in the order they are given. An edit names its document with "
                    + "evidence: (the default) or readback:, e.g. --set readback:/edge/waf=false."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:it ran",
            "1:--fail-on-flip and eligibility differs",
            "2:bad input (including a variant that breaks the contract), bad usage or rules that do not compile",
            "3:internal error"
        })
final class WhatifCommand implements Callable<Integer> {
    @CommandLine.Mixin
    EvaluationLimits limits = new EvaluationLimits();

    /** Output formats. */
    enum Format {
        json,
        text
    }

    @CommandLine.Mixin
    BaseInputs inputs = new BaseInputs();

    @Option(
            names = "--set",
            paramLabel = "[DOC:]POINTER=JSON",
            description = "set a field of the variant (replace, or add; /list/- appends), e.g. "
                    + "--set '/ci/checks/test=\"passed\"'")
    List<String> sets = new ArrayList<>();

    @Option(names = "--unset", paramLabel = "[DOC:]POINTER", description = "remove a field of the variant")
    List<String> unsets = new ArrayList<>();

    @Option(
            names = "--patch",
            paramLabel = "[DOC:]FILE",
            description = "an RFC 6902 JSON Patch to apply to the variant")
    List<String> patches = new ArrayList<>();

    @Option(names = "--with-rules", paramLabel = "DIR", description = "evaluate the variant under this rulebase")
    Path withRules;

    @Option(names = "--with-exceptions", paramLabel = "DIR", description = "evaluate the variant with these exceptions")
    Path withExceptions;

    @Option(
            names = "--with-at",
            paramLabel = "INSTANT|+Nd|+Nh",
            converter = Options.TimeConverter.class,
            description = "evaluate the variant at this instant, or this long after (+) or before (-) the base's time: "
                    + "+10d, +36h, -90m, +30s")
    Options.Time withAt;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json")
    Format format;

    @Option(names = "--fail-on-flip", description = "exit 1 when eligibility differs")
    boolean failOnFlip;

    @Option(
            names = "--explain-blockers",
            description =
                    "list what blocks the variant: each violation's evidence, what its control needs, and whether "
                            + "an exception could waive it")
    boolean explainBlockers;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    WhatifCommand() {
        this(Clock.systemUTC());
    }

    WhatifCommand(Clock clock) {
        this.clock = clock;
    }

    /** Adds the edits in the order they were given: each --set, --unset and --patch as it came. */
    private void addEditsInCommandLineOrder(Changes.Builder changes) {
        java.util.Iterator<String> set = sets.iterator();
        java.util.Iterator<String> unset = unsets.iterator();
        java.util.Iterator<String> patch = patches.iterator();
        for (CommandLine.Model.ArgSpec arg : spec.commandLine().getParseResult().matchedArgs()) {
            if (!(arg instanceof CommandLine.Model.OptionSpec option)) {
                continue;
            }
            switch (option.longestName()) {
                case "--set" -> changes.set(set.next());
                case "--unset" -> changes.unset(unset.next());
                case "--patch" -> changes.patch(patch.next());
                default -> {}
            }
        }
    }

    @Override
    public Integer call() {
        Changes.Builder changes = Changes.builder();
        try {
            addEditsInCommandLineOrder(changes);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (withExceptions != null) {
            changes.exceptions(withExceptions);
        }
        if (withAt != null) {
            if (withAt.instant() != null) {
                changes.at(withAt.instant());
            } else {
                changes.atOffset(withAt.offset());
            }
        }
        inputs.requireDocuments(spec.qualifiedName());
        PolicyEngine engine = Options.engine(inputs.rules, limits);
        PolicyEngine variantEngine = withRules != null ? Options.engine(withRules, limits) : engine;
        if (withRules != null) {
            changes.rules(variantEngine);
        }
        Scenario base = Scenario.read(
                inputs.evidence, inputs.readback, inputs.exceptions, inputs.at != null ? inputs.at : clock.instant());
        Changes built = changes.build();
        WhatIfResult result = WhatIfEngine.of(engine).whatIf(base, built);
        List<Blocker> blockers = explainBlockers
                ? Blockers.explain(
                        variantEngine,
                        WhatIfEngine.of(engine).variantInput(base, built),
                        java.time.Instant.parse(result.variant().provenance().evaluatedAt()))
                : null;
        String rendered;
        if (format == Format.json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("changes", result.changes());
            out.put("diff", result.diff());
            if (blockers != null) {
                out.put("blockers", blockers);
            }
            out.put("base", result.base());
            out.put("variant", result.variant());
            rendered = Json.pretty(out);
        } else {
            rendered = WhatIfText.render(result, blockers);
        }
        spec.commandLine().getOut().print(rendered);
        spec.commandLine().getOut().flush();
        return failOnFlip && result.diff().eligibilityChanged() ? ExitCode.NOT_ELIGIBLE : ExitCode.OK;
    }
}
