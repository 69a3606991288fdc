package dev.gatehouse.report;

import dev.gatehouse.internal.Sources;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.PromotionDecision.Violation;

/**
 * A decision as GitHub Actions workflow commands, which the runner turns into annotations on the
 * files: {@code ::error} for each blocking violation, {@code ::warning} for each waived violation
 * and each advisory, each at the file, line and column of its evidence, and one {@code ::notice}
 * with the summary, last. The title names control and subject; the message says what is wrong.
 * Data is escaped as the runner reads it ({@code %}, CR and LF), properties also {@code :} and
 * {@code ,}, so no subject or message can end a command early or forge another.
 */
public final class GithubReport {
    private GithubReport() {}

    public static String render(PromotionDecision d, Sources sources) {
        StringBuilder sb = new StringBuilder();
        d.violations().forEach(v -> annotation(sb, "error", v, sources, "[" + v.enforcement() + "] " + v.message()));
        d.waived()
                .forEach(v -> annotation(
                        sb,
                        "warning",
                        v,
                        sources,
                        "waived by " + v.exception() + ": [" + v.enforcement() + "] " + v.message()));
        d.advisories().forEach(v -> annotation(sb, "warning", v, sources, "advisory: " + v.message()));
        StringBuilder summary = new StringBuilder()
                .append(d.release().service())
                .append(' ')
                .append(d.release().version())
                .append(' ')
                .append(d.promotion().from())
                .append(" -> ")
                .append(d.promotion().to())
                .append(": ")
                .append(d.eligible() ? "ELIGIBLE" : "NOT ELIGIBLE")
                .append(" (")
                .append(d.violations().size())
                .append(" blocking, ")
                .append(d.waived().size())
                .append(" waived, ")
                .append(d.advisories().size())
                .append(" advisories)");
        if (d.ring() != null) {
            summary.append("; up to ring ").append(d.ring().allowed());
        }
        sb.append("::notice title=")
                .append(property("gatehouse"))
                .append("::")
                .append(data(summary.toString()))
                .append('\n');
        return sb.toString();
    }

    private static void annotation(StringBuilder sb, String command, Violation v, Sources sources, String message) {
        Sources.Place place = sources.place(v.evidence(), v.subject());
        String title = v.subject() == null ? v.control() : v.control() + " " + v.subject();
        String text = message + (v.evidence() == null ? "" : " (evidence " + v.evidence() + ")");
        sb.append("::")
                .append(command)
                .append(" file=")
                .append(property(place.file().replace('\\', '/')))
                .append(",line=")
                .append(place.line())
                .append(",col=")
                .append(place.column())
                .append(",title=")
                .append(property(title))
                .append("::")
                .append(data(text))
                .append('\n');
    }

    /** A command's message: {@code %}, CR and LF escaped. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A command's property value: as {@link #data}, and {@code :} and {@code ,} escaped. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
