package dev.gatehouse;

import java.util.List;

/** The rules could not reach a decision: a rule failed or looped past the firing cap. */
public final class EvaluationException extends GatehouseException {
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message, Throwable cause) {
        super(message, List.of(), cause);
    }
}
