package dev.gatehouse;

import dev.gatehouse.model.Diagnostic;
import java.util.List;

/** The rulebase does not compile; each diagnostic names the file, line and column. */
public final class RulebaseException extends GatehouseException {
    private static final long serialVersionUID = 1L;

    public RulebaseException(List<Diagnostic> diagnostics) {
        super(InvalidInputException.summary("the rulebase does not compile", diagnostics), diagnostics, null);
    }
}
