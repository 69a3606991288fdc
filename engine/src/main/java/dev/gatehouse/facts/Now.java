package dev.gatehouse.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The evaluation time. Rules read "now" from this fact, never from the system clock. Bounds
 * are inclusive: a time exactly {@code d} before now is within {@code d} before now.
 */
public record Now(Instant at) {
    public Now {
        Objects.requireNonNull(at, "at");
    }

    /** True when {@code t} is set and lies in [now - d, now]. */
    public boolean within(Instant t, Duration d) {
        return t != null && !t.isAfter(at) && !t.isBefore(at.minus(d));
    }

    /** True when {@code t} is set and lies in [now - before, now + after]. */
    public boolean within(Instant t, Duration before, Duration after) {
        return t != null && !t.isAfter(at.plus(after)) && !t.isBefore(at.minus(before));
    }

    /** True when {@code t} is set and lies in [now, now + d]. */
    public boolean withinNext(Instant t, Duration d) {
        return t != null && !t.isBefore(at) && !t.isAfter(at.plus(d));
    }

    /** True when {@code t} is set and at least {@code d} has passed since it: now - t >= d. */
    public boolean elapsed(Instant t, Duration d) {
        return t != null && !t.plus(d).isAfter(at);
    }

    /** True when {@code t} is set and more than {@code d} after now: t > now + d (a time from the future, beyond a clock skew of d). */
    public boolean ahead(Instant t, Duration d) {
        return t != null && t.isAfter(at.plus(d));
    }

    /** True when {@code t} is after now. */
    public boolean before(Instant t) {
        return t != null && t.isAfter(at);
    }

    /** True when {@code t} is at or before now. */
    public boolean reached(Instant t) {
        return t != null && !t.isAfter(at);
    }

    /** The time from {@code t} to now, for messages. */
    public Duration since(Instant t) {
        return Duration.between(t, at);
    }

    /** A duration in words for messages: "30h", "6d 2h", "45m". */
    public static String words(Duration d) {
        long s = Math.abs(d.toSeconds());
        String sign = d.isNegative() ? "-" : "";
        long days = s / 86_400;
        long hours = (s % 86_400) / 3_600;
        long minutes = (s % 3_600) / 60;
        if (days >= 2) {
            return sign + days + "d" + (hours > 0 ? " " + hours + "h" : "");
        }
        if (s >= 3_600) {
            return sign + (s / 3_600) + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        if (s >= 60) {
            return sign + minutes + "m";
        }
        return sign + s + "s";
    }
}
