package dev.gatehouse.report;

import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.PromotionDecision.Violation;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A decision as a JUnit XML report, which CI systems display natively: one test case per control
 * in force in the target environment (its level not {@code off}), a failure for a control with
 * violations; waivers and advisories are written to the test case's {@code system-out}.
 */
public final class JUnitReport {
    private JUnitReport() {}

    /**
     * Renders the report.
     *
     * @param d the decision
     * @param levels every control of the enforcement table and its level in the target environment
     */
    public static String render(PromotionDecision d, SortedMap<String, String> levels) {
        TreeSet<String> controls = new TreeSet<>();
        levels.forEach((c, level) -> {
            if (!level.equals("off")) {
                controls.add(c);
            }
        });
        d.violations().forEach(v -> controls.add(v.control()));
        d.waived().forEach(v -> controls.add(v.control()));
        d.advisories().forEach(v -> controls.add(v.control()));
        long failures = controls.stream().filter(c -> !of(d.violations(), c).isEmpty()).count();
        String suite = d.release().service() + " " + d.release().version() + ": " + d.promotion().from() + " -> "
                + d.promotion().to();
        String classname = "gatehouse." + d.promotion().to();

        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"gatehouse\" tests=\"").append(controls.size()).append("\" failures=\"")
                .append(failures).append("\" errors=\"0\">\n");
        sb.append("  <testsuite name=\"").append(Xml.attr(suite)).append("\" tests=\"").append(controls.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\" timestamp=\"")
                .append(Xml.attr(d.provenance().evaluatedAt())).append("\">\n");
        sb.append("    <properties>\n");
        Xml.property(sb, "      ", "eligible", Boolean.toString(d.eligible()));
        if (d.ring() != null) {
            Xml.property(sb, "      ", "ring", Integer.toString(d.ring().allowed()));
        }
        Xml.property(sb, "      ", "commit", d.release().commit());
        Xml.property(sb, "      ", "engineVersion", d.provenance().engineVersion());
        Xml.property(sb, "      ", "rulebaseDigest", d.provenance().rulebaseDigest());
        Xml.property(sb, "      ", "inputDigest", d.provenance().inputDigest());
        sb.append("    </properties>\n");
        for (String control : controls) {
            String level = levels.getOrDefault(control, "off");
            List<Violation> violations = of(d.violations(), control);
            List<Violation> waived = of(d.waived(), control);
            List<Violation> advisories = of(d.advisories(), control);
            sb.append("    <testcase classname=\"").append(Xml.attr(classname)).append("\" name=\"")
                    .append(Xml.attr(control + " [" + level + "]")).append('"');
            if (violations.isEmpty() && waived.isEmpty() && advisories.isEmpty()) {
                sb.append("/>\n");
                continue;
            }
            sb.append(">\n");
            if (!violations.isEmpty()) {
                String message = violations.size() == 1 ? line(violations.get(0))
                        : violations.size() + " violations of " + control;
                sb.append("      <failure message=\"").append(Xml.attr(message)).append("\" type=\"")
                        .append(Xml.attr(violations.get(0).enforcement())).append("\">");
                sb.append(Xml.text(String.join("\n", violations.stream().map(JUnitReport::detail).toList())));
                sb.append("</failure>\n");
            }
            if (!waived.isEmpty() || !advisories.isEmpty()) {
                StringBuilder out = new StringBuilder();
                waived.forEach(v -> out.append("waived by ").append(v.exception()).append(": ").append(detail(v)).append('\n'));
                advisories.forEach(v -> out.append("advisory: ").append(line(v))
                        .append(v.evidence() == null ? "" : " (evidence " + v.evidence() + ")").append('\n'));
                sb.append("      <system-out>").append(Xml.text(out.toString())).append("</system-out>\n");
            }
            sb.append("    </testcase>\n");
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    private static List<Violation> of(List<Violation> all, String control) {
        return all.stream().filter(v -> v.control().equals(control)).toList();
    }

    private static String line(Violation v) {
        return (v.subject() == null ? "" : v.subject() + ": ") + v.message();
    }

    private static String detail(Violation v) {
        return "[" + v.enforcement() + "] " + line(v) + (v.evidence() == null ? "" : " (evidence " + v.evidence() + ")");
    }

}
