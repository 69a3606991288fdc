package dev.gatehouse.internal.evaluate;

/** The rules could not reach a decision: a rule threw, or the firing cap was reached. */
public final class EvaluationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EvaluationFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
