package dev.gatehouse.cli;

import dev.gatehouse.PolicyEngine;
import java.nio.file.Path;
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

    /** Builds an engine from {@code --rules}, or the bundled default rulebase. */
    static PolicyEngine engine(Path rules) {
        PolicyEngine.Builder b = PolicyEngine.builder();
        if (rules != null) {
            b.rules(rules);
        }
        return b.build();
    }
}
