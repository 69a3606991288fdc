package dev.gatehouse.facts;

import dev.gatehouse.model.Severity;

/** One residual risk: {@code /residualRisks/i}. {@code exceptionId} is null when none is named. */
public record ResidualRisk(
        String id, String title, @OneOf(Severity.class) String severity, String exceptionId, int index)
        implements Traceable {
    public String pointer() {
        return "/residualRisks/" + index;
    }

    @Override
    public String ref() {
        return pointer();
    }
}
