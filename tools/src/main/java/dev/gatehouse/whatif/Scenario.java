package dev.gatehouse.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.model.Diagnostic;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The base of a what-if: the evidence and readback as JSON trees (so they can be edited before
 * they are validated), each with the label diagnostics name it by, the exceptions folder (null
 * for none) and the evaluation time.
 */
public record Scenario(
        JsonNode evidence, String evidenceLabel, JsonNode readback, String readbackLabel, Path exceptions, Instant at) {
    public Scenario {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(evidenceLabel, "evidenceLabel");
        Objects.requireNonNull(readback, "readback");
        Objects.requireNonNull(readbackLabel, "readbackLabel");
        Objects.requireNonNull(at, "at");
        evidence = evidence.deepCopy();
        readback = readback.deepCopy();
    }

    /** Reads the evidence and readback files as trees (labelled with the paths as given). */
    public static Scenario read(Path evidence, Path readback, Path exceptions, Instant at) {
        List<Diagnostic> problems = new ArrayList<>();
        JsonNode e = tree(evidence, problems);
        JsonNode r = tree(readback, problems);
        if (!problems.isEmpty()) {
            problems.sort(Diagnostic.ORDER);
            throw new InvalidInputException(problems);
        }
        return new Scenario(e, evidence.toString(), r, readback.toString(), exceptions, at);
    }

    private static JsonNode tree(Path file, List<Diagnostic> problems) {
        try {
            return dev.gatehouse.internal.InputReading.readTree(file);
        } catch (InvalidInputException x) {
            problems.addAll(x.diagnostics());
            return null;
        }
    }

    @Override
    public JsonNode evidence() {
        return evidence.deepCopy();
    }

    @Override
    public JsonNode readback() {
        return readback.deepCopy();
    }
}
