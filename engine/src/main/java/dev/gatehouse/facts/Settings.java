package dev.gatehouse.facts;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
                    "setting '" + name + "' is a " + s.type().name().toLowerCase() + ", read as a "
                            + type.name().toLowerCase());
        }
        return s.value();
    }

    @Override
    public String toString() {
        return "Settings" + values.keySet();
    }
}
