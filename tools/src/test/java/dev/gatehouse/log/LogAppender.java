package dev.gatehouse.log;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.model.PromotionDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A separate process for the multi-process append test: appends N lines (the case folder's input
 * and a decision read from JSON, so the process need not compile the rules).
 * Arguments: LOG N CASE_DIR DECISION.json.
 */
public final class LogAppender {
    private LogAppender() {}

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        Path dir = Path.of(args[2]);
        EvaluationInput input =
                Inputs.read(dir.resolve("evidence.json"), dir.resolve("readback.json"), dir.resolve("exceptions"));
        PromotionDecision decision =
                Json.mapper().readValue(Files.readString(Path.of(args[3])), PromotionDecision.class);
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            DecisionLog.append(log, input, Instant.parse("2026-11-28T12:00:00Z"), decision);
        }
    }
}
