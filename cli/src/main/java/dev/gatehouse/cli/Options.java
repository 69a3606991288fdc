package dev.gatehouse.cli;

import dev.gatehouse.PolicyEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Option types and helpers shared by the subcommands. */
final class Options {
    private static final Pattern UTC = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$");

    private Options() {}

    /** Parses {@code --at}-style instants: RFC 3339 in UTC. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            if (!UTC.matcher(value).matches()) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an RFC 3339 UTC instant such as 2026-11-28T12:00:00Z");
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a valid instant");
            }
        }
    }

    /** A {@code --with-at} value: an instant, or an offset from the base's time. */
    record Time(Instant instant, Duration offset) {}

    /** Parses an RFC 3339 UTC instant or a relative time: {@code +10d}, {@code +36h}, {@code -90m}, {@code +30s}. */
    static final class TimeConverter implements CommandLine.ITypeConverter<Time> {
        private static final Pattern RELATIVE = Pattern.compile("^([+-])([0-9]{1,6})([dhms])$");

        @Override
        public Time convert(String value) {
            java.util.regex.Matcher m = RELATIVE.matcher(value);
            if (m.matches()) {
                long n = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
                Duration d = switch (m.group(3)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                };
                return new Time(null, d);
            }
            if (!UTC.matcher(value).matches()) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is neither an RFC 3339 UTC instant such as 2026-11-28T12:00:00Z nor a relative time such as +10d, +36h, -90m");
            }
            return new Time(new InstantConverter().convert(value), null);
        }
    }

    /** Builds an engine from {@code --rules}, or the bundled default rulebase, with the evaluation time limit. */
    static PolicyEngine engine(Path rules, EvaluationLimits limits) {
        PolicyEngine.Builder b = PolicyEngine.builder().evaluationTimeout(limits.timeout);
        if (rules != null) {
            b.rules(rules);
        }
        return b.build();
    }
}
