package dev.gatehouse;

import dev.gatehouse.model.Diagnostic;
import java.util.List;

/** An input breaks the contract; each diagnostic names the file and the JSON Pointer of the field. */
public final class InvalidInputException extends GatehouseException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(List<Diagnostic> diagnostics) {
        super(summary("invalid input", diagnostics), diagnostics, null);
    }

    static String summary(String what, List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder(what)
                .append(" (")
                .append(diagnostics.size())
                .append(" problem")
                .append(diagnostics.size() == 1 ? "" : "s")
                .append(')');
        diagnostics.stream().limit(10).forEach(d -> sb.append("\n  ").append(d.format()));
        if (diagnostics.size() > 10) {
            sb.append("\n  ... and ").append(diagnostics.size() - 10).append(" more");
        }
        return sb.toString();
    }
}
