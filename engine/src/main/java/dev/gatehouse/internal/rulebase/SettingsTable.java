package dev.gatehouse.internal.rulebase;

import static dev.gatehouse.model.DiagnosticCode.SETTINGS_TABLE;

import dev.gatehouse.facts.Settings;
import dev.gatehouse.model.Diagnostic;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings table: the policy's named thresholds. Header {@code name,type,value,description};
 * types {@code duration} (ISO-8601, e.g. PT24H, P7D), {@code integer}, {@code percent} (e.g. 10%),
 * {@code list} (space-separated words) and {@code text}.
 */
public final class SettingsTable {

    private SettingsTable() {}

    /** The result of parsing: settings with the line of each, or diagnostics. */
    public record Parsed(Settings settings, Map<String, Integer> lines, List<Diagnostic> diagnostics) {}

    public static Parsed parse(String text, String label) {
        List<Diagnostic> problems = new ArrayList<>();
        List<CsvTable.Row> rows = CsvTable.parse(text);
        List<String> expected = List.of("name", "type", "value", "description");
        if (rows.isEmpty()
                || !rows.get(0).cells().stream()
                        .map(CsvTable.Cell::text)
                        .toList()
                        .equals(expected)) {
            problems.add(Diagnostic.rule(
                    SETTINGS_TABLE,
                    label,
                    rows.isEmpty() ? 1 : rows.get(0).line(),
                    1,
                    "the header must be: name,type,value,description"));
            return new Parsed(null, Map.of(), problems);
        }
        Map<String, Settings.Setting> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (CsvTable.Row row : rows.subList(1, rows.size())) {
            String name = row.get(0);
            if (name.isEmpty()) {
                problems.add(Diagnostic.rule(SETTINGS_TABLE, label, row.line(), 1, "the setting name is blank"));
                continue;
            }
            if (lines.containsKey(name)) {
                problems.add(Diagnostic.rule(
                        SETTINGS_TABLE,
                        label,
                        row.line(),
                        1,
                        "setting " + name + " is already defined at line " + lines.get(name)));
                continue;
            }
            String typeName = row.get(1);
            String raw = row.get(2);
            Settings.Type type;
            try {
                type = Settings.Type.valueOf(typeName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(Diagnostic.rule(
                        SETTINGS_TABLE,
                        label,
                        row.line(),
                        row.columnOf(1),
                        "type of " + name + " must be duration, integer, percent, list or text, not '" + typeName
                                + "'"));
                continue;
            }
            try {
                values.put(name, new Settings.Setting(name, type, value(type, raw), raw));
                lines.put(name, row.line());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                problems.add(Diagnostic.rule(
                        SETTINGS_TABLE,
                        label,
                        row.line(),
                        row.columnOf(2),
                        "value of " + name + " is not a " + typeName + ": '" + raw + "'" + hint(type)));
            }
        }
        return problems.isEmpty()
                ? new Parsed(new Settings(values), lines, List.of())
                : new Parsed(null, Map.of(), problems);
    }

    private static Object value(Settings.Type type, String raw) {
        return switch (type) {
            case DURATION -> {
                Duration d = Duration.parse(raw);
                if (d.isNegative()) {
                    throw new IllegalArgumentException("negative");
                }
                yield d;
            }
            case INTEGER -> Integer.parseInt(raw);
            case PERCENT -> {
                if (!raw.endsWith("%")) {
                    throw new IllegalArgumentException("no %");
                }
                yield new BigDecimal(raw.substring(0, raw.length() - 1).strip());
            }
            case LIST -> {
                if (raw.isBlank()) {
                    throw new IllegalArgumentException("empty");
                }
                yield List.copyOf(Arrays.asList(raw.strip().split("\\s+")));
            }
            case TEXT -> raw;
        };
    }

    private static String hint(Settings.Type type) {
        return switch (type) {
            case DURATION -> " (write ISO-8601 durations such as PT24H or P7D)";
            case PERCENT -> " (write a number and %, such as 10%)";
            case LIST -> " (write words separated by spaces)";
            default -> "";
        };
    }
}
