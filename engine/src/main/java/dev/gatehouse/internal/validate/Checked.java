package dev.gatehouse.internal.validate;

import dev.gatehouse.model.Diagnostic;
import java.util.List;

/** A validated value, or the diagnostics that reject it (then {@code value} is null). */
public record Checked<T>(T value, List<Diagnostic> diagnostics) {
    public Checked {
        diagnostics = List.copyOf(diagnostics);
        if (value != null && !diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a rejected input has no value");
        }
    }

    public boolean ok() {
        return value != null;
    }
}
