package dev.gatehouse.facts;

import dev.gatehouse.model.ExceptionState;

/**
 * A conclusion: the status a relevant exception ends in ({@code invalid}, {@code expired},
 * {@code unapproved}, {@code ineffective}, {@code applied} or {@code unused}), with the reason.
 */
public record ExceptionStatus(
        String exceptionId, @OneOf(ExceptionState.class) String status, String reason) implements Traceable {
    @Override
    public String ref() {
        return exceptionId;
    }
}
