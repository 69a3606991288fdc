package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything one evaluation looks at besides the time: the release evidence, the readback of the
 * target environment and the residual-risk exceptions on offer. Exceptions are kept sorted by id.
 *
 * <p>{@code documents} are the JSON values the input was read from (files, or trees from what-if edits or a
 * decision log), exceptions in the same order; provenance's {@code inputDigest} is taken over them. It is null
 * for an input built from Java values ({@code Inputs.of}), whose documents are the values as written.
 */
public record EvaluationInput(ReleaseEvidence evidence, EnvironmentReadback readback, List<RiskException> exceptions,
        @JsonIgnore Documents documents) {
    /** The documents an input was read from: JSON values, exceptions sorted by their {@code id}. */
    public record Documents(JsonNode evidence, JsonNode readback, List<JsonNode> exceptions) {
        public Documents {
            Objects.requireNonNull(evidence, "evidence");
            Objects.requireNonNull(readback, "readback");
            List<JsonNode> sorted = new ArrayList<>(Objects.requireNonNull(exceptions, "exceptions"));
            sorted.sort(Comparator.comparing(x -> x.path("id").asText()));
            exceptions = List.copyOf(sorted);
        }
    }

    public EvaluationInput {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(readback, "readback");
        List<RiskException> sorted = new ArrayList<>(Objects.requireNonNull(exceptions, "exceptions"));
        sorted.sort(Comparator.comparing(RiskException::id, Comparator.nullsFirst(Comparator.naturalOrder())));
        exceptions = List.copyOf(sorted);
        if (documents != null && documents.exceptions().size() != exceptions.size()) {
            throw new IllegalArgumentException("documents has " + documents.exceptions().size() + " exceptions, the input "
                    + exceptions.size());
        }
    }

    /** An input built from Java values: no documents (they are the values as written). */
    public EvaluationInput(ReleaseEvidence evidence, EnvironmentReadback readback, List<RiskException> exceptions) {
        this(evidence, readback, exceptions, null);
    }
}
