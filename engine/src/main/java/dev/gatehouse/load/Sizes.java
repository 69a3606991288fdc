package dev.gatehouse.load;

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
                return bytes % unit[0] == 0 ? bytes / unit[0] + " " + u
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

    /** A parser's limit message without the name of the Java setting that holds the limit. */
    static String limitMessage(String message) {
        String first = DocumentReader.firstLine(message);
        return first.replaceAll(", from `[^`]*`", "").replaceAll(" \\(from `[^`]*`\\)", "");
    }
}
