package dev.gatehouse.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.TestPaths;
import dev.gatehouse.cases.Coverage;
import dev.gatehouse.model.Environment;
import dev.gatehouse.model.PromotionDecision;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JUnit and SARIF renderings of a decision, against golden files. The rulebase under
 * {@code report/rules} has one control per level (hard, soft, advisory, off), each failing on
 * the worked example. Rewrite the golden files with {@code -Dgatehouse.rewriteGoldens=true} (as every golden file).
 */
class DecisionReportsTest {
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    static Path resources() throws URISyntaxException {
        return Path.of(DecisionReportsTest.class.getResource("/report").toURI());
    }

    static PolicyEngine tinyEngine() throws URISyntaxException {
        return PolicyEngine.builder().rules(resources().resolve("rules")).build();
    }

    static EvaluationInput workedExample(boolean withExceptions) {
        return workedExampleLocated(withExceptions).input();
    }

    /** The worked example read with its positions, its files named relative to the repository root. */
    static dev.gatehouse.internal.InputReading.Located workedExampleLocated(boolean withExceptions) {
        Path dir = TestPaths.fixtures().resolve("worked-example");
        dev.gatehouse.internal.InputReading.Located read = dev.gatehouse.internal.InputReading.readLocated(
                dir.resolve("evidence.json"),
                dir.resolve("readback.json"),
                withExceptions ? dir.resolve("exceptions") : null);
        return new dev.gatehouse.internal.InputReading.Located(
                read.input(), read.sources().relativeTo(TestPaths.root()));
    }

    static final String DOCS = SarifReport.DEFAULT_DOCS_URL;

    @Test
    void whenControlsFailAtEveryLevelThenTheJUnitReportHasOneFailurePerBlockingControl() throws Exception {
        PolicyEngine engine = tinyEngine();
        PromotionDecision d = engine.evaluate(workedExample(false), AT);
        golden("worked-example.junit.xml", JUnitReport.render(d, engine.enforcementIn(Environment.PRODUCTION)));
    }

    @Test
    void whenAControlIsRetunedThenItsJUnitTestCasesKeepTheirNamesAndClassName() throws Exception {
        PolicyEngine engine = tinyEngine();
        EvaluationInput input = workedExample(false);
        java.util.Map<String, String> byLevel = new java.util.TreeMap<>();
        for (String level : List.of("hard", "soft", "advisory")) {
            PolicyEngine retuned = engine.withEnforcement("TST-002", Environment.PRODUCTION, level);
            String xml = JUnitReport.render(retuned.evaluate(input, AT), retuned.enforcementIn(Environment.PRODUCTION));
            byLevel.put(
                    level,
                    String.join(
                            "\n",
                            xml.lines()
                                    .filter(l -> l.contains("<testcase"))
                                    .map(l -> l.replaceAll(
                                            "^\\s*<testcase (classname=\"[^\"]*\" name=\"[^\"]*\").*$", "$1"))
                                    .toList()));
        }
        String expected = String.join(
                "\n",
                "classname=\"gatehouse.gpu-node-agent.production\" name=\"TST-001\"",
                "classname=\"gatehouse.gpu-node-agent.production\" name=\"TST-002 CVE-2025-11873\"",
                "classname=\"gatehouse.gpu-node-agent.production\" name=\"TST-002 CVE-2026-41022\"",
                "classname=\"gatehouse.gpu-node-agent.production\" name=\"TST-003\"");
        assertEquals(java.util.Map.of("hard", expected, "soft", expected, "advisory", expected), byLevel);
    }

    @Test
    void whenControlsFailAtEveryLevelThenTheSarifReportHasOneResultEach() throws Exception {
        PolicyEngine engine = tinyEngine();
        dev.gatehouse.internal.InputReading.Located read = workedExampleLocated(false);
        PromotionDecision d = engine.evaluate(read.input(), AT);
        golden(
                "worked-example.sarif.json",
                SarifReport.render(
                        d, engine.ruleMetadata(), engine.enforcementIn(Environment.PRODUCTION), read.sources(), DOCS));
    }

    @Test
    void whenARuleNeverFiresThenCoverageCountsAndNamesIt() throws Exception {
        PolicyEngine engine = tinyEngine();
        Coverage c = Coverage.of(engine, List.of(engine.evaluate(workedExample(false), AT)));
        assertEquals(
                "coverage: rules 4/5 (80.0%), controls 3/4 (75.0%)\n"
                        + "  control never fired: TST-004\n"
                        + "  rule never fired: TST-004 is off\n",
                c.render());
        assertEquals(List.of("TST-004 is off"), c.rulesNeverFired());
        assertEquals(List.of("TST-004"), c.controlsNeverFired());
        assertEquals(true, c.meets(new java.math.BigDecimal("75")));
        assertEquals(false, c.meets(new java.math.BigDecimal("75.1")));
    }

    @Test
    void whenNoCaseRanThenNothingIsCovered() throws Exception {
        Coverage c = Coverage.of(tinyEngine(), List.of());
        assertEquals("0.0", c.rulePercent().toPlainString());
        assertEquals("0.0", c.controlPercent().toPlainString());
        assertEquals(false, c.meets(java.math.BigDecimal.ONE));
        assertEquals(true, c.meets(java.math.BigDecimal.ZERO));
    }

    static void golden(String name, String actual) throws IOException, URISyntaxException {
        dev.gatehouse.Goldens.assertMatches(
                TestPaths.root().resolve("tools/src/test/resources/report").resolve(name), actual);
    }
}
