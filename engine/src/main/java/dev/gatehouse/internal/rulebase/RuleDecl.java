package dev.gatehouse.internal.rulebase;

import java.util.List;

/**
 * A rule as its source declares it: name, position, metadata and the controls of its
 * {@code Enforcement(control == "...")} patterns. Lines and columns are 1-based.
 */
public record RuleDecl(
        String file,
        String packageName,
        String name,
        int line,
        int column,
        String control,
        int controlLine,
        int controlColumn,
        String family,
        String description,
        List<Guard> guards) {
    public RuleDecl {
        guards = List.copyOf(guards);
    }

    /** One {@code Enforcement(control == "X")} constraint and where it is. */
    public record Guard(String control, int line, int column) {}
}
