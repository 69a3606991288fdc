package dev.gatehouse.library;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.model.PromotionDecision;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The README's library example, as a program: {@code LibraryUserTest} runs it in a JVM of its own with exactly the
 * runtime class path of the {@code dev.gatehouse:gatehouse} artifact, and checks that the README shows this code.
 */
public final class ReadmeExample {
    private ReadmeExample() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        // README:begin
        PolicyEngine engine = PolicyEngine.builder().build(); // the bundled default rulebase, precompiled
        try {
            EvaluationInput input =
                    Inputs.read(dir.resolve("evidence.json"), dir.resolve("readback.json"), dir.resolve("exceptions"));
            PromotionDecision d = engine.evaluate(input, Instant.parse("2026-11-28T12:00:00Z"));
            System.out.println(d.eligible() + " ring " + d.ring().allowed() + " "
                    + d.provenance().inputDigest());
        } catch (InvalidInputException e) {
            e.diagnostics().forEach(p -> System.err.println(p.format())); // file: /json/pointer: message
        }
        // README:end
    }
}
