package dev.gatehouse.facts;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy's named thresholds, read from the rulebase's settings table. A rule that asks for a
 * setting the table lacks, or as the wrong type, stops the evaluation (fail closed) rather than
 * silently not firing.
 */
public final class Settings {
    /** The type of one setting. */
    public enum Type {
        DURATION,
        INTEGER,
        PERCENT,
        LIST,
        TEXT
    }

    /** One setting: its type and parsed value. */
    public record Setting(String name, Type type, Object value, String text) {}

    private final Map<String, Setting> values;

    public Settings(Map<String, Setting> values) {
        this.values = Map.copyOf(new TreeMap<>(values));
    }

    public Duration duration(String name) {
        return (Duration) get(name, Type.DURATION);
    }

    public int integer(String name) {
        return (Integer) get(name, Type.INTEGER);
    }

    /** A percentage such as 10 for "10%". */
    public BigDecimal percent(String name) {
        return (BigDecimal) get(name, Type.PERCENT);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        return (List<String>) get(name, Type.LIST);
    }

    public String text(String name) {
        return (String) get(name, Type.TEXT);
    }

    /**
     * A setting's current value as people read it: a duration in words ({@code 24h}, {@code 30d}),
     * an integer, a percentage ({@code 10%}), a list joined with commas, a text as it is.
     */
    public String display(String name) {
        Setting s = values.get(name);
        if (s == null) {
            throw new IllegalStateException("unknown setting '" + name + "': add it to the settings table");
        }
        return switch (s.type()) {
            case DURATION -> Now.words((Duration) s.value());
            case PERCENT -> ((BigDecimal) s.value()).stripTrailingZeros().toPlainString() + "%";
            case LIST -> String.join(", ", list(name));
            default -> String.valueOf(s.value());
        };
    }

    private static final Pattern REFERENCE = Pattern.compile("`([A-Za-z0-9][A-Za-z0-9._-]*)`");

    /**
     * A rule description or other policy text with each setting it names in backquotes
     * ({@code `backup.max-age`}) replaced by the setting's current value and its name:
     * {@code 24h (backup.max-age)}. Backquoted words that name no setting are left as they are.
     * So a text that names a setting instead of repeating its number follows every retuning.
     */
    public String render(String text) {
        if (text == null || text.indexOf('`') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            m.appendReplacement(
                    sb,
                    Matcher.quoteReplacement(values.containsKey(name) ? display(name) + " (" + name + ")" : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The settings a text names in backquotes, in order of appearance (duplicates kept out). */
    public static List<String> references(String text) {
        List<String> out = new java.util.ArrayList<>();
        if (text != null) {
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                if (!out.contains(m.group(1))) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** True when the table has a setting of this name. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The names of all settings, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeMap<>(values).keySet());
    }

    private Object get(String name, Type type) {
        Setting s = values.get(name);
        if (s == null) {
            throw new IllegalStateException("unknown setting '" + name + "': add it to the settings table");
        }
        if (s.type() != type) {
            throw new IllegalStateException(
                    "setting '" + name + "' is a " + s.type().name().toLowerCase(java.util.Locale.ROOT) + ", read as a "
                            + type.name().toLowerCase(java.util.Locale.ROOT));
        }
        return s.value();
    }

    @Override
    public String toString() {
        return "Settings" + values.keySet();
    }
}
