package dev.gatehouse.cases;

import dev.gatehouse.model.PromotionDecision;
import java.util.List;

/**
 * The outcome of one golden case: whether it passed, the differences between what was expected
 * and what happened (empty when it passed), and the decision (null when the input was invalid or
 * the evaluation failed).
 */
public record CaseResult(GoldenCase golden, List<String> differences, PromotionDecision decision) {
    public CaseResult {
        differences = List.copyOf(differences);
    }

    public boolean passed() {
        return differences.isEmpty();
    }

    public String name() {
        return golden.name();
    }
}
