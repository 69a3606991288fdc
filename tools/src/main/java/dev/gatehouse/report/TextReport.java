package dev.gatehouse.report;

import dev.gatehouse.model.PromotionDecision;
import java.util.List;

/** The person-readable summary of a decision. */
public final class TextReport {
    private TextReport() {}

    public static String render(PromotionDecision d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.release().service())
                .append(' ')
                .append(d.release().version())
                .append(" (")
                .append(
                        d.release().commit(),
                        0,
                        Math.min(12, d.release().commit().length()))
                .append(") ")
                .append(d.promotion().from())
                .append(" -> ")
                .append(d.promotion().to())
                .append(": ")
                .append(d.eligible() ? "ELIGIBLE" : "NOT ELIGIBLE")
                .append('\n');
        sb.append("evaluated at ").append(d.provenance().evaluatedAt()).append('\n');

        if (d.ring() != null) {
            PromotionDecision.Ring r = d.ring();
            sb.append("\nRing: up to ring ").append(r.allowed());
            if (r.requested() != null) {
                sb.append(" (requested ")
                        .append(r.requested())
                        .append(r.requested() <= r.allowed() ? ", within what is allowed" : ", more than is allowed")
                        .append(')');
            }
            sb.append('\n');
            for (PromotionDecision.Reason reason : r.reasons()) {
                sb.append("  - ")
                        .append(reason.code())
                        .append(": ")
                        .append(reason.detail())
                        .append('\n');
            }
        }

        section(sb, "Blocking", d.violations(), "nothing blocks this promotion", false);
        section(sb, "Waived by an exception", d.waived(), "nothing was waived", true);
        section(sb, "Advisories (reported, never blocking)", d.advisories(), "none", false);

        sb.append("\nExceptions:");
        if (d.exceptions().isEmpty()) {
            sb.append(" none relevant to this promotion\n");
        } else {
            sb.append('\n');
            for (PromotionDecision.ExceptionOutcome x : d.exceptions()) {
                sb.append("  - ")
                        .append(x.id())
                        .append(": ")
                        .append(x.status())
                        .append(" - ")
                        .append(x.reason())
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private static void section(
            StringBuilder sb,
            String title,
            List<PromotionDecision.Violation> items,
            String empty,
            boolean showException) {
        sb.append('\n').append(title).append(" (").append(items.size()).append("):");
        if (items.isEmpty()) {
            sb.append(' ').append(empty).append('\n');
            return;
        }
        sb.append('\n');
        for (PromotionDecision.Violation v : items) {
            sb.append("  - ")
                    .append(v.control())
                    .append(" [")
                    .append(v.enforcement())
                    .append(']');
            if (v.subject() != null) {
                sb.append(' ').append(v.subject());
            }
            sb.append(": ").append(v.message());
            if (showException) {
                sb.append(" (waived by ").append(v.exception()).append(')');
            }
            if (v.evidence() != null) {
                sb.append("\n      evidence: ").append(v.evidence());
            }
            sb.append('\n');
        }
    }
}
