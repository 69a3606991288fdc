package dev.gatehouse.report;

import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.PromotionDecision.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A decision as a JUnit XML report, which CI systems display natively. A control in force in the
 * target environment (its level not {@code off}) with nothing to report is one passing test case
 * named by the control; a control with results has one test case per subject, named
 * {@code CONTROL subject} (or {@code CONTROL} when the result has none), failing for a violation,
 * passing with the waiver or advisory written to {@code system-out}. Names never hold the level
 * (retuning a control keeps its test's history) and the class name is
 * {@code gatehouse.<service>.<target>}, never a path.
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
        // test case name -> its results, in name order; a control in force with no result has an empty list
        SortedMap<String, List<Outcome>> cases = new TreeMap<>();
        levels.forEach((c, level) -> {
            if (!level.equals("off")) {
                cases.put(c, new ArrayList<>());
            }
        });
        d.violations().forEach(v -> add(cases, v, "violation"));
        d.waived().forEach(v -> add(cases, v, "waived"));
        d.advisories().forEach(v -> add(cases, v, "advisory"));
        cases.values().forEach(list -> list.sort(null));
        cases.entrySet()
                .removeIf(e -> e.getValue().isEmpty()
                        && cases.keySet().stream().anyMatch(k -> k.startsWith(e.getKey() + " ")));
        long failures = cases.values().stream()
                .filter(l -> l.stream().anyMatch(o -> o.kind.equals("violation")))
                .count();
        String suite = d.release().service() + " " + d.release().version() + ": "
                + d.promotion().from() + " -> " + d.promotion().to();
        String classname =
                "gatehouse." + d.release().service() + "." + d.promotion().to();

        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"gatehouse\" tests=\"")
                .append(cases.size())
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"0\">\n");
        sb.append("  <testsuite name=\"")
                .append(Xml.attr(suite))
                .append("\" tests=\"")
                .append(cases.size())
                .append("\" failures=\"")
                .append(failures)
                .append("\" errors=\"0\" skipped=\"0\" timestamp=\"")
                .append(Xml.attr(d.provenance().evaluatedAt()))
                .append("\">\n");
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
        for (Map.Entry<String, List<Outcome>> e : cases.entrySet()) {
            List<Violation> violations = of(e.getValue(), "violation");
            List<Violation> waived = of(e.getValue(), "waived");
            List<Violation> advisories = of(e.getValue(), "advisory");
            sb.append("    <testcase classname=\"")
                    .append(Xml.attr(classname))
                    .append("\" name=\"")
                    .append(Xml.attr(e.getKey()))
                    .append('"');
            if (e.getValue().isEmpty()) {
                sb.append("/>\n");
                continue;
            }
            sb.append(">\n");
            if (!violations.isEmpty()) {
                sb.append("      <failure message=\"")
                        .append(Xml.attr(violations.get(0).message()))
                        .append("\" type=\"")
                        .append(Xml.attr(violations.get(0).enforcement()))
                        .append("\">");
                sb.append(Xml.text(String.join(
                        "\n", violations.stream().map(JUnitReport::detail).toList())));
                sb.append("</failure>\n");
            }
            if (!waived.isEmpty() || !advisories.isEmpty()) {
                StringBuilder out = new StringBuilder();
                waived.forEach(v -> out.append("waived by ")
                        .append(v.exception())
                        .append(": ")
                        .append(detail(v))
                        .append('\n'));
                advisories.forEach(v -> out.append("advisory: ")
                        .append(v.message())
                        .append(v.evidence() == null ? "" : " (evidence " + v.evidence() + ")")
                        .append('\n'));
                sb.append("      <system-out>").append(Xml.text(out.toString())).append("</system-out>\n");
            }
            sb.append("    </testcase>\n");
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    /** The test case of a result: its control and, when it has one, its subject. */
    static String name(Violation v) {
        return v.subject() == null ? v.control() : v.control() + " " + v.subject();
    }

    private record Outcome(String kind, Violation v) implements Comparable<Outcome> {
        @Override
        public int compareTo(Outcome o) {
            return Violation.ORDER.compare(v, o.v);
        }
    }

    private static void add(SortedMap<String, List<Outcome>> cases, Violation v, String kind) {
        cases.computeIfAbsent(name(v), k -> new ArrayList<>()).add(new Outcome(kind, v));
    }

    private static List<Violation> of(List<Outcome> all, String kind) {
        return all.stream().filter(o -> o.kind.equals(kind)).map(Outcome::v).toList();
    }

    private static String detail(Violation v) {
        return "[" + v.enforcement() + "] " + v.message()
                + (v.evidence() == null ? "" : " (evidence " + v.evidence() + ")");
    }
}
