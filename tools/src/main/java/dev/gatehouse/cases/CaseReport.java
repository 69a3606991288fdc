package dev.gatehouse.cases;

import dev.gatehouse.report.Xml;
import java.util.List;

/** How {@code gatehouse test} reports a run of golden cases: text for people, JUnit XML for CI. */
public final class CaseReport {
    private CaseReport() {}

    /** One line per case ({@code PASS name} or {@code FAIL name}), each difference indented under its failure. */
    public static String text(List<CaseResult> results) {
        StringBuilder sb = new StringBuilder();
        for (CaseResult r : results) {
            sb.append(r.passed() ? "PASS " : "FAIL ").append(r.name()).append('\n');
            for (String d : r.differences()) {
                sb.append("    ").append(d).append('\n');
            }
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        sb.append(results.size() - failed).append(" passed, ").append(failed).append(" failed\n");
        return sb.toString();
    }

    /**
     * A JUnit XML report: one test suite, one test case per golden case, a failure per failing case.
     * The class name is {@code gatehouse.cases.<folder name>}, never the folder's path (which differs
     * between machines and would split a case's history).
     */
    public static String junit(String suite, List<CaseResult> results, Coverage coverage) {
        String classname = classname(suite);
        long failed = results.stream().filter(r -> !r.passed()).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"gatehouse test\" tests=\"")
                .append(results.size())
                .append("\" failures=\"")
                .append(failed)
                .append("\" errors=\"0\">\n");
        sb.append("  <testsuite name=\"")
                .append(Xml.attr(suite))
                .append("\" tests=\"")
                .append(results.size())
                .append("\" failures=\"")
                .append(failed)
                .append("\" errors=\"0\" skipped=\"0\">\n");
        if (coverage != null) {
            sb.append("    <properties>\n");
            Xml.property(sb, "      ", "coverage.rules", coverage.rulePercent().toPlainString());
            Xml.property(
                    sb, "      ", "coverage.controls", coverage.controlPercent().toPlainString());
            sb.append("    </properties>\n");
        }
        for (CaseResult r : results) {
            sb.append("    <testcase classname=\"")
                    .append(Xml.attr(classname))
                    .append("\" name=\"")
                    .append(Xml.attr(r.name()))
                    .append('"');
            if (r.passed()) {
                sb.append("/>\n");
                continue;
            }
            sb.append(">\n      <failure message=\"")
                    .append(Xml.attr(r.differences().get(0)))
                    .append("\" type=\"mismatch\">")
                    .append(Xml.text(String.join("\n", r.differences())))
                    .append("</failure>\n    </testcase>\n");
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    /** {@code gatehouse.cases.} and the last segment of a folder path, characters other than letters, digits, - and _ as _. */
    static String classname(String folder) {
        String trimmed = folder.replaceAll("[/\\\\]+$", "");
        String last = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
        String safe = last.replaceAll("[^A-Za-z0-9_-]", "_");
        return "gatehouse.cases." + (safe.isEmpty() ? "cases" : safe);
    }
}
