package dev.gatehouse.internal.rulebase;

import static dev.gatehouse.model.DiagnosticCode.BAD_ENFORCEMENT_LEVEL;
import static dev.gatehouse.model.DiagnosticCode.ENFORCEMENT_TABLE;
import static dev.gatehouse.model.DiagnosticCode.MISSING_ENVIRONMENT_COLUMN;

import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.Environment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The enforcement table: for each control, its level in each environment of the path. One
 * header row {@code control,kind,dev-control,demo,staging,production}, then one row per control.
 * Levels: {@code hard}, {@code soft}, {@code advisory}, {@code off}.
 */
public final class EnforcementTable {
    public static final Set<String> LEVELS = Set.of("hard", "soft", "advisory", "off");

    private final Map<String, Map<Environment, String>> levels;
    private final Map<String, Integer> lines;

    private EnforcementTable(Map<String, Map<Environment, String>> levels, Map<String, Integer> lines) {
        Map<String, Map<Environment, String>> copy = new TreeMap<>();
        levels.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new EnumMap<>(v))));
        this.levels = Collections.unmodifiableMap(copy);
        this.lines = Map.copyOf(lines);
    }

    /** The controls of the table, sorted. */
    public Set<String> controls() {
        return levels.keySet();
    }

    /** The level of a control in an environment; {@code off} for a control the table lacks. */
    public String level(String control, Environment env) {
        Map<Environment, String> row = levels.get(control);
        return row == null ? "off" : row.get(env);
    }

    /** The line of a control's row, for diagnostics; 0 when absent. */
    public int lineOf(String control) {
        return lines.getOrDefault(control, 0);
    }

    /** The table with one cell changed: for what-if and tests. */
    public EnforcementTable with(String control, Environment env, String level) {
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("level must be one of " + LEVELS + ", not " + level);
        }
        Map<String, Map<Environment, String>> copy = new TreeMap<>();
        levels.forEach((k, v) -> copy.put(k, new EnumMap<>(v)));
        copy.computeIfAbsent(control, k -> new EnumMap<>(Environment.class)).put(env, level);
        return new EnforcementTable(copy, lines);
    }

    /** The result of parsing: a table, or diagnostics. */
    public record Parsed(EnforcementTable table, List<Diagnostic> diagnostics) {}

    /** Parses the table; {@code label} names the file in diagnostics. */
    public static Parsed parse(String text, String label) {
        List<Diagnostic> problems = new ArrayList<>();
        List<CsvTable.Row> rows = CsvTable.parse(text);
        if (rows.isEmpty()) {
            problems.add(Diagnostic.rule(
                    ENFORCEMENT_TABLE, label, 1, 1, "the enforcement table is empty: it needs a header row"));
            return new Parsed(null, problems);
        }
        CsvTable.Row header = rows.get(0);
        Map<Environment, Integer> columnOf = new EnumMap<>(Environment.class);
        if (!header.get(0).equals("control")) {
            problems.add(Diagnostic.rule(
                    ENFORCEMENT_TABLE,
                    label,
                    header.line(),
                    1,
                    "the first column of the header must be 'control', not '" + header.get(0) + "'"));
        }
        for (int i = 1; i < header.cells().size(); i++) {
            String name = header.get(i);
            Environment env = environment(name);
            if (env == null) {
                problems.add(
                        Diagnostic.rule(
                                ENFORCEMENT_TABLE,
                                label,
                                header.line(),
                                header.columnOf(i),
                                "column '" + name
                                        + "' is not an environment of the path (kind, dev-control, demo, staging, production)"));
            } else if (columnOf.putIfAbsent(env, i) != null) {
                problems.add(Diagnostic.rule(
                        ENFORCEMENT_TABLE,
                        label,
                        header.line(),
                        header.columnOf(i),
                        "environment column '" + name + "' appears twice"));
            }
        }
        for (Environment env : Environment.values()) {
            if (!columnOf.containsKey(env)) {
                problems.add(Diagnostic.rule(
                        MISSING_ENVIRONMENT_COLUMN,
                        label,
                        header.line(),
                        1,
                        "environment column '" + env.wire()
                                + "' is missing: every control needs a level in every environment"));
            }
        }
        Map<String, Map<Environment, String>> levels = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (CsvTable.Row row : rows.subList(1, rows.size())) {
            String control = row.get(0);
            if (control.isEmpty()) {
                problems.add(Diagnostic.rule(ENFORCEMENT_TABLE, label, row.line(), 1, "the control id is blank"));
                continue;
            }
            if (lines.containsKey(control)) {
                problems.add(Diagnostic.rule(
                        ENFORCEMENT_TABLE,
                        label,
                        row.line(),
                        1,
                        "control " + control + " already has a row at line " + lines.get(control)));
                continue;
            }
            if (row.cells().size() > header.cells().size()) {
                problems.add(Diagnostic.rule(
                        ENFORCEMENT_TABLE,
                        label,
                        row.line(),
                        row.columnOf(header.cells().size()),
                        "row of " + control + " has more cells than the header"));
            }
            Map<Environment, String> byEnv = new EnumMap<>(Environment.class);
            for (Map.Entry<Environment, Integer> col : columnOf.entrySet()) {
                String level = row.get(col.getValue());
                if (!LEVELS.contains(level)) {
                    problems.add(Diagnostic.rule(
                            BAD_ENFORCEMENT_LEVEL,
                            label,
                            row.line(),
                            row.columnOf(col.getValue()),
                            "enforcement of " + control + " in " + col.getKey().wire()
                                    + " must be hard, soft, advisory or off, not '" + level + "'"));
                    level = "hard";
                }
                byEnv.put(col.getKey(), level);
            }
            levels.put(control, byEnv);
            lines.put(control, row.line());
        }
        return problems.isEmpty()
                ? new Parsed(new EnforcementTable(levels, lines), List.of())
                : new Parsed(null, problems);
    }

    private static Environment environment(String name) {
        for (Environment e : Environment.values()) {
            if (e.wire().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
