package dev.gatehouse.assemble;

import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.DiagnosticCode;
import java.util.ArrayList;
import java.util.List;

/** The diagnostics of one assembly, all reported at once. */
final class Problems {
    private final List<Diagnostic> list = new ArrayList<>();

    void add(Diagnostic d) {
        list.add(d);
    }

    void addAll(List<Diagnostic> ds) {
        list.addAll(ds);
    }

    /** An error at a place: by pointer when the place has one, else by line. */
    void at(DiagnosticCode code, Origin where, String message) {
        if (where.pointer() != null) {
            list.add(Diagnostic.input(code, where.file(), where.pointer(), message));
        } else {
            list.add(Diagnostic.inputAt(code, where.file(), where.line(), 0, message));
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    List<Diagnostic> list() {
        return List.copyOf(list);
    }
}
