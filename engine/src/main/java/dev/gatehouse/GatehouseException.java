package dev.gatehouse;

import dev.gatehouse.model.Diagnostic;
import java.util.List;

/** Gatehouse could not produce a decision. Never means "eligible". */
public abstract class GatehouseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    protected GatehouseException(String message, List<Diagnostic> diagnostics, Throwable cause) {
        super(message, cause);
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** What the user must fix, sorted by location; empty for internal failures. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
