package dev.gatehouse.cli;

import dev.gatehouse.PolicyEngine;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --timeout}: the wall-clock limit of each evaluation, shared by the commands that evaluate. */
final class EvaluationLimits {
    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "10s",
            description = "stop an evaluation that runs longer than this (exit 3): 500ms, 10s, 2m (default: 10s)")
    Duration timeout = PolicyEngine.DEFAULT_EVALUATION_TIMEOUT;

    /** Parses {@code 500ms}, {@code 10s}, {@code 2m}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern DURATION = Pattern.compile("^([0-9]{1,6})(ms|s|m)$");

        @Override
        public Duration convert(String value) {
            Matcher m = DURATION.matcher(value);
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a positive duration such as 500ms, 10s or 2m");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        }
    }
}
