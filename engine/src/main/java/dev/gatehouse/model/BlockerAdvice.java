package dev.gatehouse.model;

import java.util.Objects;

/**
 * What would clear one blocking violation, built from the evaluation that found it: the rule that
 * inserted the violation, that rule's {@code @description} with the current settings' values
 * ({@code needs}), the control's level, and the problems of the exceptions involved.
 *
 * @param rule the rule whose consequence inserted the violation (null only if no rule is known)
 * @param needs what that rule requires, its description with settings rendered (null when no rule is known)
 * @param waivable true for a soft violation (a valid exception can waive it)
 * @param remedy what would clear it, in plain words
 */
public record BlockerAdvice(
        String control,
        String enforcement,
        String subject,
        String message,
        String evidence,
        String rule,
        String needs,
        boolean waivable,
        String remedy) {
    public BlockerAdvice {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(remedy, "remedy");
    }
}
