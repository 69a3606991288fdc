package dev.gatehouse.internal.rulebase;

/** Character-level helpers over DRL source text. */
public final class DrlText {
    private DrlText() {}

    /**
     * The text with comments (and, when {@code strings}, the insides of string literals) replaced by
     * spaces, so that offsets, lines and columns stay those of the original.
     */
    public static String mask(String text, boolean strings) {
        StringBuilder sb = new StringBuilder(text);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            if (c == '/' && next == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    sb.setCharAt(i++, ' ');
                }
            } else if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    if (text.charAt(i) != '\n') {
                        sb.setCharAt(i, ' ');
                    }
                }
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        if (strings) {
                            sb.setCharAt(i, ' ');
                        }
                        i++;
                    }
                    if (strings) {
                        sb.setCharAt(i, ' ');
                    }
                    i++;
                }
                i++;
            } else {
                i++;
            }
        }
        return sb.toString();
    }

    /** The 1-based line and column of an offset. */
    public static int[] position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }
}
