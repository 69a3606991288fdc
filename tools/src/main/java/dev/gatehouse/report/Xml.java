package dev.gatehouse.report;

/** Escaping for the XML reports (JUnit). */
public final class Xml {
    private Xml() {}

    /** Text content: escapes {@code & < >} and drops characters XML 1.0 cannot hold. */
    public static String text(String s) {
        return escape(s, false);
    }

    /** An attribute value in double quotes: also escapes quotes and keeps newlines as character references. */
    public static String attr(String s) {
        return escape(s, true);
    }

    /** Appends {@code <property name="..." value="..."/>} and a newline. */
    public static void property(StringBuilder sb, String indent, String name, String value) {
        sb.append(indent)
                .append("<property name=\"")
                .append(attr(name))
                .append("\" value=\"")
                .append(attr(value))
                .append("\"/>\n");
    }

    private static String escape(String s, boolean attribute) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                case '\r' -> sb.append(attribute ? "&#13;" : "\r");
                default -> {
                    boolean legal = (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
                    if (legal) {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }
}
