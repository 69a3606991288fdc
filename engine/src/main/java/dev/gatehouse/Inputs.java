package dev.gatehouse;

import dev.gatehouse.internal.InputReading;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.nio.file.Path;
import java.util.List;

/**
 * The only ways to get an {@link EvaluationInput}: from files, from bytes, or from Java values, each validated
 * against the contract first. Every problem of every document is reported at once, as an
 * {@link InvalidInputException} whose diagnostics name the file (or label) and the field (a JSON Pointer); a single
 * problem means no input, and so no decision.
 */
public final class Inputs {
    private Inputs() {}

    /**
     * Reads the evidence and readback (JSON, or YAML for a file named *.yaml or *.yml) and the exceptions folder ({@code *.yaml}, {@code *.yml},
     * {@code *.json}; may be null for none) within the default {@link InputLimits}. Diagnostics name the files as
     * given.
     */
    public static EvaluationInput read(Path evidence, Path readback, Path exceptionsDir) {
        return InputReading.read(evidence, readback, exceptionsDir);
    }

    /**
     * Reads the evidence, the readback and the exceptions folder within {@code limits}: only regular files are
     * opened, each no larger than {@link InputLimits#maxInputBytes()}, all together no larger than
     * {@link InputLimits#maxTotalBytes()}, at most {@link InputLimits#maxExceptionFiles()} exception files, and
     * every entry of the exceptions folder must be an exception file.
     */
    public static EvaluationInput read(Path evidence, Path readback, Path exceptionsDir, InputLimits limits) {
        return InputReading.read(evidence, readback, exceptionsDir, limits);
    }

    /**
     * Reads evidence and readback given as JSON bytes (what a service receives), exactly as if each were read from
     * a file named {@code evidenceLabel} or {@code readbackLabel}, and the exceptions folder (may be null for none),
     * within the default {@link InputLimits}.
     */
    public static EvaluationInput fromJson(
            byte[] evidence, String evidenceLabel, byte[] readback, String readbackLabel, Path exceptionsDir) {
        return InputReading.fromJson(evidence, evidenceLabel, readback, readbackLabel, exceptionsDir);
    }

    /**
     * Validates inputs built as Java values, exactly as documents are validated (the contract's constraints and
     * unique exception ids). Diagnostics are labelled {@code <evidence>}, {@code <readback>}, {@code <exception i>}.
     */
    public static EvaluationInput of(
            ReleaseEvidence evidence, EnvironmentReadback readback, List<RiskException> exceptions) {
        return InputReading.of(evidence, readback, exceptions);
    }

    /** The JSON Schema of an input kind ({@code ReleaseEvidence}, {@code EnvironmentReadback}, {@code RiskException}). */
    public static String schema(String kind) {
        return InputReading.schema(kind);
    }
}
