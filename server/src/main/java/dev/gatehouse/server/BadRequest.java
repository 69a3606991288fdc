package dev.gatehouse.server;

import dev.gatehouse.model.Diagnostic;
import java.util.List;

/** A request the service will not evaluate: 400 with the diagnostics, as the command prints them on stderr. */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    BadRequest(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "bad request" : diagnostics.get(0).format(), null, false, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
