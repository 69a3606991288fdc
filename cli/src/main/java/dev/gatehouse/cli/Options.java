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
    private static final Pattern UTC =
            Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$");

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
                throw new CommandLine.TypeConversionException(
                        "'" + value
                                + "' is neither an RFC 3339 UTC instant such as 2026-11-28T12:00:00Z nor a relative time such as +10d, +36h, -90m");
            }
            return new Time(new InstantConverter().convert(value), null);
        }
    }

    /** Parses sizes for the input limits: {@code 8MiB}, {@code 512KiB}, {@code 1GiB} or bytes. */
    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return dev.gatehouse.InputLimits.parseSize(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The input limits of {@code --max-input-size}, {@code --max-total-input-size} and {@code --max-exception-files}. */
    static dev.gatehouse.InputLimits limits(Long maxInputSize, Long maxTotalInputSize, Integer maxExceptionFiles) {
        dev.gatehouse.InputLimits.Builder b = dev.gatehouse.InputLimits.builder();
        try {
            if (maxInputSize != null) {
                b.maxInputBytes(maxInputSize);
            }
            if (maxTotalInputSize != null) {
                b.maxTotalBytes(maxTotalInputSize);
            }
            if (maxExceptionFiles != null) {
                b.maxExceptionFiles(maxExceptionFiles);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * System property naming the folder that is the default rulebase ({@code ./gatehouse} sets it to the
     * repository's {@code rules/}, so an edited rule counts at once). Without it, the default is the copy of
     * {@code rules/} bundled in the command at build time.
     */
    static final String DEFAULT_RULES = "gatehouse.rules";

    /**
     * The default rulebase folder, as diagnostics should name it (relative to the working folder when it is
     * inside it, e.g. {@code rules}), or null for the bundled copy.
     */
    static Path defaultRules() {
        String dir = System.getProperty(DEFAULT_RULES);
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Path rules = Path.of(dir).toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return rules.startsWith(cwd) && !rules.equals(cwd) ? cwd.relativize(rules) : rules;
    }

    /** {@code --rules} when given, else the default rulebase folder, else null (the bundled copy). */
    static Path rulesOrDefault(Path rules) {
        return rules != null ? rules : defaultRules();
    }

    /** Builds an engine from {@code --rules}, or the default rulebase ({@link #rulesOrDefault}), with the evaluation time limit. */
    static PolicyEngine engine(Path rules, EvaluationLimits limits) {
        Path dir = rulesOrDefault(rules);
        PolicyEngine.Builder b = PolicyEngine.builder().evaluationTimeout(limits.timeout);
        if (dir != null) {
            b.rules(dir);
        }
        return b.build();
    }
}
