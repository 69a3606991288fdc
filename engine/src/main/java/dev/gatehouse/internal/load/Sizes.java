package dev.gatehouse.internal.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Sizes in words, and what a file that is not a regular file is. */
public final class Sizes {
    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    private Sizes() {}

    /** {@code 4 MiB}, {@code 512 KiB}, {@code 10.0 MiB}, {@code 17 bytes}: binary units, exact when whole. */
    public static String format(long bytes) {
        for (long[] unit : new long[][] {{GIB, 'G'}, {MIB, 'M'}, {KIB, 'K'}}) {
            if (bytes >= unit[0]) {
                String u = (char) unit[1] + "iB";
                return bytes % unit[0] == 0
                        ? bytes / unit[0] + " " + u
                        : String.format(Locale.ROOT, "%.1f %s", (double) bytes / unit[0], u);
            }
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    /** What a path that is not a regular file is, in words: a named pipe, a character device, ... */
    static String kindOf(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            if (mode instanceof Integer m) {
                return switch (m & 0170000) {
                    case 0010000 -> "a named pipe (FIFO)";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    case 0140000 -> "a socket";
                    default -> "a special file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view: the generic words below
        }
        return "a special file (pipe, device or socket)";
    }

    private static final java.util.regex.Pattern ALLOWED = java.util.regex.Pattern.compile("maximum allowed \\((\\d+)");

    /**
     * A parser's limit message in our words, without the parser's running count (it depends on
     * the parser's buffer sizes) or the name of the Java setting that holds the limit.
     */
    static String limitMessage(String message) {
        String first = DocumentReader.firstLine(message);
        java.util.regex.Matcher m = ALLOWED.matcher(first);
        long limit = m.find() ? Long.parseLong(m.group(1)) : -1;
        if (limit >= 0) {
            if (first.startsWith("String value length")) {
                return "holds a string longer than the limit of " + format(limit) + " for one string value";
            }
            if (first.startsWith("Number value length")) {
                return "holds a number longer than the limit of " + limit + " characters";
            }
            if (first.startsWith("Name length")) {
                return "holds a field name longer than the limit of " + limit + " bytes";
            }
            if (first.startsWith("Document nesting depth")) {
                return "nests objects and lists deeper than the limit of " + limit + " levels";
            }
            if (first.startsWith("Document length")) {
                return "is longer than the limit of " + format(limit) + " for one input (--max-input-size)";
            }
        }
        return first.replaceAll(", from `[^`]*`", "").replaceAll(" \\(from `[^`]*`\\)", "");
    }
}
