package dev.gatehouse.whatif;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gatehouse.model.PromotionDecision;
import java.util.List;

/**
 * Both outcomes of a what-if and their difference.
 *
 * @param changes the changes, one line each in their text form (e.g. {@code set evidence:/ci/checks/test = "passed"})
 */
@JsonPropertyOrder({"changes", "diff", "base", "variant"})
public record WhatIfResult(List<String> changes, PromotionDecision base, PromotionDecision variant, DecisionDiff diff) {
    public WhatIfResult {
        changes = List.copyOf(changes);
    }
}
