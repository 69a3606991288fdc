package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.log.DecisionLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code log verify --reevaluate}: each logged input decided again, at its logged time, with the given rulebase where
 * the line names that rulebase's digest; a decision that differs from the recorded one (provenance aside: an engine
 * version may differ) is reported by line. Exit 1 when one differs or when no line could be re-decided.
 */
final class Reevaluation {
    private Reevaluation() {}

    static int run(CommandLine.Model.CommandSpec spec, Path file, PolicyEngine engine) {
        List<DecisionLog.Entry> entries;
        try {
            entries = DecisionLog.read(file);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
        String digest = engine.rulebaseDigest();
        StringBuilder out = new StringBuilder();
        int decided = 0;
        int differ = 0;
        int skipped = 0;
        for (DecisionLog.Entry e : entries) {
            String recorded =
                    e.decision().path("provenance").path("rulebaseDigest").asText("(none)");
            if (!recorded.equals(digest)) {
                skipped++;
                out.append(file)
                        .append(':')
                        .append(e.line())
                        .append(": skipped: decided under rulebase ")
                        .append(recorded)
                        .append(", not ")
                        .append(digest)
                        .append('\n');
                continue;
            }
            EvaluationInput input;
            try {
                input = dev.gatehouse.internal.InputReading.fromTrees(
                        e.evidence(),
                        file + ":" + e.line() + " evidence",
                        e.readback(),
                        file + ":" + e.line() + " readback",
                        e.exceptions(),
                        file + ":" + e.line() + " exceptions");
            } catch (InvalidInputException x) {
                differ++;
                out.append(file)
                        .append(':')
                        .append(e.line())
                        .append(": differs: its inputs are not valid now: ")
                        .append(x.diagnostics().get(0).format())
                        .append('\n');
                continue;
            }
            decided++;
            JsonNode now = Json.mapper().valueToTree(engine.evaluate(input, e.at()));
            List<String> fields = differences(e.decision(), now);
            if (!fields.isEmpty()) {
                differ++;
                out.append(file)
                        .append(':')
                        .append(e.line())
                        .append(": differs: recorded eligible ")
                        .append(e.decision().path("eligible").asText())
                        .append(", now ")
                        .append(now.path("eligible").asText())
                        .append(" (")
                        .append(String.join(", ", fields))
                        .append(" differ)")
                        .append('\n');
            }
        }
        out.append(file)
                .append(": re-evaluated ")
                .append(decided)
                .append(" of ")
                .append(entries.size())
                .append(" line")
                .append(entries.size() == 1 ? "" : "s")
                .append(" under rulebase ")
                .append(digest)
                .append(": ")
                .append(differ)
                .append(differ == 1 ? " differs" : " differ")
                .append(", ")
                .append(skipped)
                .append(" skipped\n");
        Outputs.print(spec, out.toString());
        return differ > 0 || decided == 0 ? ExitCode.NOT_ELIGIBLE : ExitCode.OK;
    }

    /** The top-level fields of two decisions that differ, provenance aside. */
    private static List<String> differences(JsonNode recorded, JsonNode now) {
        List<String> fields = new ArrayList<>();
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        recorded.fieldNames().forEachRemaining(names::add);
        now.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!name.equals("provenance") && !recorded.path(name).equals(now.path(name))) {
                fields.add(name);
            }
        }
        return fields;
    }
}
