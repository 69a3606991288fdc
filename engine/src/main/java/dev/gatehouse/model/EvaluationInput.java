package dev.gatehouse.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything one evaluation looks at besides the time: the release evidence, the readback of the
 * target environment and the residual-risk exceptions on offer. Exceptions are kept sorted by id.
 */
public record EvaluationInput(ReleaseEvidence evidence, EnvironmentReadback readback, List<RiskException> exceptions) {
    public EvaluationInput {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(readback, "readback");
        List<RiskException> sorted = new ArrayList<>(Objects.requireNonNull(exceptions, "exceptions"));
        sorted.sort(Comparator.comparing(RiskException::id, Comparator.nullsFirst(Comparator.naturalOrder())));
        exceptions = List.copyOf(sorted);
    }
}
