package dev.gatehouse.server;

import java.util.Locale;

/** What a bearer token may do. {@code review} may do everything {@code evaluate} may, and more. */
public enum Role {
    /** Ask for decisions ({@code POST /v1/decisions}): a CI job or a deployment tool. */
    EVALUATE,
    /** Everything the reviewers' page uses: decisions, what-if, the rulebase, fixtures, the decision log. */
    REVIEW;

    /** The role as written in a tokens file. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a holder of this role may use a route that requires {@code required}. */
    boolean allows(Role required) {
        return this == REVIEW || required == EVALUATE;
    }
}
