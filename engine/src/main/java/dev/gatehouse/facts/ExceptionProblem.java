package dev.gatehouse.facts;

import java.util.Objects;

/**
 * A conclusion: one thing wrong with a relevant exception, found by one lifecycle check of the
 * rules. An exception may have several problems; the rules' precedence rule turns the first of
 * them (in the lifecycle's order) into its {@link ExceptionStatus}, and an exception with none is
 * valid.
 *
 * @param status the status this problem gives ({@code invalid}, {@code expired}, {@code unapproved},
 *     {@code ineffective})
 * @param reason what is wrong, in plain words (the status's reason in the decision)
 * @param remedy what would clear the problem, in plain words, with the current settings' values
 */
public record ExceptionProblem(String exceptionId, String status, String reason, String remedy) implements Traceable {
    public ExceptionProblem {
        Objects.requireNonNull(exceptionId, "exceptionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(remedy, "remedy");
    }

    @Override
    public String ref() {
        return exceptionId + " " + status;
    }
}
