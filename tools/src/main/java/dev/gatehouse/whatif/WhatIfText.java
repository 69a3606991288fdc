package dev.gatehouse.whatif;

import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.PromotionDecision.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** The person-readable forms of a what-if, its blockers and a replay. Deterministic. */
public final class WhatIfText {
    private static final int COLUMN = 40;

    private WhatIfText() {}

    /** Both outcomes side by side, then the difference; then the blockers when given (null: not asked). */
    public static String render(WhatIfResult r, List<Blocker> blockers) {
        PromotionDecision a = r.base();
        PromotionDecision b = r.variant();
        StringBuilder sb = new StringBuilder();
        sb.append(a.release().service())
                .append(' ')
                .append(a.release().version())
                .append(' ')
                .append(a.promotion().from())
                .append(" -> ")
                .append(a.promotion().to())
                .append('\n');
        sb.append("\nChanges:");
        if (r.changes().isEmpty()) {
            sb.append(" none (the variant is the base)\n");
        } else {
            sb.append('\n');
            r.changes().forEach(c -> sb.append("  - ").append(c).append('\n'));
        }
        sb.append('\n');
        row(sb, "", "base", "variant");
        row(sb, "eligible", a.eligible() ? "ELIGIBLE" : "NOT ELIGIBLE", b.eligible() ? "ELIGIBLE" : "NOT ELIGIBLE");
        row(sb, "ring", ring(a), ring(b));
        row(sb, "blocking", count(a.violations()), count(b.violations()));
        row(sb, "waived", count(a.waived()), count(b.waived()));
        row(sb, "advisories", count(a.advisories()), count(b.advisories()));
        row(sb, "exceptions", exceptions(a), exceptions(b));
        row(sb, "evaluated at", a.provenance().evaluatedAt(), b.provenance().evaluatedAt());
        row(
                sb,
                "rulebase",
                shortDigest(a.provenance().rulebaseDigest()),
                shortDigest(b.provenance().rulebaseDigest()));

        DecisionDiff d = r.diff();
        sb.append("\nDifference:");
        if (!d.changed()) {
            sb.append(" none\n");
        } else {
            sb.append('\n');
            appendDiff(sb, d, "  ");
        }
        if (blockers != null) {
            sb.append('\n').append(blockers(blockers, b.eligible()));
        }
        return sb.toString();
    }

    /** The lines of a difference, each starting with {@code indent}. */
    static void appendDiff(StringBuilder sb, DecisionDiff d, String indent) {
        if (d.eligibilityChanged()) {
            sb.append(indent)
                    .append("eligibility: ")
                    .append(d.baseEligible() ? "ELIGIBLE" : "NOT ELIGIBLE")
                    .append(" -> ")
                    .append(d.variantEligible() ? "ELIGIBLE" : "NOT ELIGIBLE")
                    .append('\n');
        }
        if (d.ring() != null
                && (d.ring().changed()
                        || !d.ring().baseReasons().equals(d.ring().variantReasons()))) {
            sb.append(indent)
                    .append("ring: ")
                    .append(ringText(d.ring().base()))
                    .append(" -> ")
                    .append(ringText(d.ring().variant()))
                    .append(d.ring().changed() ? "" : " (same ring, other reasons)")
                    .append('\n');
            sb.append(indent)
                    .append("  base because: ")
                    .append(reasons(d.ring().baseReasons()))
                    .append('\n');
            sb.append(indent)
                    .append("  variant because: ")
                    .append(reasons(d.ring().variantReasons()))
                    .append('\n');
        }
        items(sb, indent, "+ blocking", d.violationsAdded());
        items(sb, indent, "- blocking", d.violationsRemoved());
        items(sb, indent, "+ waived", d.waiversGained());
        items(sb, indent, "- waived", d.waiversLost());
        items(sb, indent, "+ advisory", d.advisoriesAdded());
        items(sb, indent, "- advisory", d.advisoriesRemoved());
        for (DecisionDiff.ExceptionChange x : d.exceptionChanges()) {
            sb.append(indent)
                    .append("exception ")
                    .append(x.id())
                    .append(": ")
                    .append(x.base() == null ? "not reported" : x.base())
                    .append(" -> ")
                    .append(x.variant() == null ? "not reported" : x.variant());
            if (x.variantReason() != null) {
                sb.append(" (").append(x.variantReason()).append(')');
            }
            sb.append('\n');
        }
    }

    /** What blocks a decision and what would clear it. */
    public static String blockers(List<Blocker> blockers, boolean eligible) {
        StringBuilder sb = new StringBuilder("What would it take (variant):");
        if (blockers.isEmpty()) {
            return sb.append(eligible ? " nothing: the variant is eligible\n" : " nothing blocks\n")
                    .toString();
        }
        sb.append('\n');
        for (Blocker x : blockers) {
            sb.append("  - ")
                    .append(x.control())
                    .append(" [")
                    .append(x.enforcement())
                    .append(", ")
                    .append(x.waivable() ? "an exception can waive it" : "no exception can waive it")
                    .append(']');
            if (x.subject() != null) {
                sb.append(' ').append(x.subject());
            }
            sb.append(": ").append(x.message()).append('\n');
            if (x.evidence() != null) {
                sb.append("      at: ")
                        .append(x.document() == null ? "" : x.document() + " ")
                        .append(x.evidence())
                        .append('\n');
            }
            for (String need : x.needs()) {
                sb.append("      needs: ").append(need).append('\n');
            }
            sb.append("      to clear: ").append(x.remedy()).append('\n');
        }
        return sb.toString();
    }

    /** A replay report for people. */
    public static String render(ReplayReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("baseline rulebase:  ").append(r.baselineRulebase()).append('\n');
        sb.append("candidate rulebase: ").append(r.candidateRulebase()).append('\n');
        sb.append('\n')
                .append(r.cases())
                .append(" case")
                .append(r.cases() == 1 ? "" : "s")
                .append(" replayed: ")
                .append(r.flips())
                .append(" flip")
                .append(r.flips() == 1 ? "" : "s")
                .append(" (")
                .append(r.newlyDenied())
                .append(" eligible -> not eligible, ")
                .append(r.newlyEligible())
                .append(" not eligible -> eligible), ")
                .append(r.ringChanges())
                .append(" ring change")
                .append(r.ringChanges() == 1 ? "" : "s")
                .append(", ")
                .append(r.changed().size())
                .append(" changed in any way\n");
        if (!r.flipsByControl().isEmpty()) {
            sb.append("flips by control: ")
                    .append(r.flipsByControl().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        for (ReplayReport.CaseChange c : r.changed()) {
            DecisionDiff d = c.diff();
            sb.append('\n').append(c.name()).append(": ");
            if (d.eligibilityChanged()) {
                sb.append("FLIP ").append(d.direction()).append(", caused by ").append(String.join(", ", d.causes()));
            } else if (d.ring() != null && d.ring().changed()) {
                sb.append("ring ")
                        .append(ringText(d.ring().base()))
                        .append(" -> ")
                        .append(ringText(d.ring().variant()));
            } else {
                sb.append("changed, same eligibility and ring");
            }
            sb.append('\n');
            appendDiff(sb, d, "  ");
        }
        if (!r.skipped().isEmpty()) {
            sb.append("\nskipped (").append(r.skipped().size()).append("):\n");
            r.skipped().forEach(s -> sb.append("  - ").append(s).append('\n'));
        }
        if (!r.errors().isEmpty()) {
            sb.append("\nnot decided (").append(r.errors().size()).append("):\n");
            r.errors().forEach(s -> sb.append("  - ").append(s).append('\n'));
        }
        return sb.toString();
    }

    private static void items(StringBuilder sb, String indent, String what, List<Violation> vs) {
        for (Violation v : vs) {
            sb.append(indent)
                    .append(what)
                    .append(' ')
                    .append(v.control())
                    .append(" [")
                    .append(v.enforcement())
                    .append(']');
            if (v.subject() != null) {
                sb.append(' ').append(v.subject());
            }
            if (v.exception() != null) {
                sb.append(" by ").append(v.exception());
            }
            sb.append(": ").append(v.message());
            if (v.evidence() != null) {
                sb.append(" (").append(v.evidence()).append(')');
            }
            sb.append('\n');
        }
    }

    private static void row(StringBuilder sb, String label, String base, String variant) {
        String left = String.format("  %-14s%s", label, base);
        sb.append(left.length() < COLUMN ? left + " ".repeat(COLUMN - left.length()) : left + "  ")
                .append(variant)
                .append('\n');
    }

    private static String ring(PromotionDecision d) {
        if (d.ring() == null) {
            return "none";
        }
        return d.ring().allowed() + " ("
                + d.ring().reasons().stream()
                        .map(PromotionDecision.Reason::code)
                        .collect(Collectors.joining(", ")) + ")";
    }

    private static String ringText(Integer ring) {
        return ring == null ? "none" : ring.toString();
    }

    private static String reasons(List<PromotionDecision.Reason> reasons) {
        return reasons.isEmpty()
                ? "(no ring)"
                : reasons.stream().map(x -> x.code() + ": " + x.detail()).collect(Collectors.joining("; "));
    }

    private static String count(List<Violation> vs) {
        return vs.isEmpty()
                ? "0"
                : vs.size() + " ("
                        + vs.stream().map(Violation::control).distinct().collect(Collectors.joining(", ")) + ")";
    }

    private static String exceptions(PromotionDecision d) {
        return d.exceptions().isEmpty()
                ? "none"
                : d.exceptions().stream().map(x -> x.id() + " " + x.status()).collect(Collectors.joining(", "));
    }

    private static String shortDigest(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
}
