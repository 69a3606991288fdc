package dev.gatehouse;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gatehouse.internal.InputAccess;
import dev.gatehouse.internal.InputDocuments;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything one evaluation looks at besides the time: the release evidence, the readback of the target
 * environment and the residual-risk exceptions on offer (sorted by id), always validated.
 *
 * <p>There is no public constructor: an input comes from {@link Inputs#read}, {@link Inputs#fromJson} or
 * {@link Inputs#of}, each of which validates every document first, so an {@code EvaluationInput} that exists
 * is one the contract accepts. Equal when the three values are equal.
 */
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"evidence", "readback", "exceptions"})
public final class EvaluationInput {
    static {
        InputAccess.register(EvaluationInput::new, x -> x.documents);
    }

    private final ReleaseEvidence evidence;
    private final EnvironmentReadback readback;
    private final List<RiskException> exceptions;
    private final InputDocuments documents;

    private EvaluationInput(
            ReleaseEvidence evidence,
            EnvironmentReadback readback,
            List<RiskException> exceptions,
            InputDocuments documents) {
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.readback = Objects.requireNonNull(readback, "readback");
        List<RiskException> sorted = new ArrayList<>(Objects.requireNonNull(exceptions, "exceptions"));
        sorted.sort(Comparator.comparing(RiskException::id, Comparator.nullsFirst(Comparator.naturalOrder())));
        this.exceptions = List.copyOf(sorted);
        if (documents != null && documents.exceptions().size() != this.exceptions.size()) {
            throw new IllegalArgumentException("documents has "
                    + documents.exceptions().size() + " exceptions, the input " + this.exceptions.size());
        }
        this.documents = documents;
    }

    /** The release evidence. */
    @JsonProperty("evidence")
    public ReleaseEvidence evidence() {
        return evidence;
    }

    /** The target environment's readback. */
    @JsonProperty("readback")
    public EnvironmentReadback readback() {
        return readback;
    }

    /** The exceptions on offer, sorted by id. */
    @JsonProperty("exceptions")
    public List<RiskException> exceptions() {
        return exceptions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationInput x
                && evidence.equals(x.evidence)
                && readback.equals(x.readback)
                && exceptions.equals(x.exceptions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(evidence, readback, exceptions);
    }

    @Override
    public String toString() {
        return "EvaluationInput[evidence=" + evidence + ", readback=" + readback + ", exceptions=" + exceptions + "]";
    }
}
