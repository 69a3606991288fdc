package dev.gatehouse.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.PolicyEngine;
import dev.gatehouse.SharedEngine;
import dev.gatehouse.internal.Sources;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.PromotionDecision.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --format github}: workflow commands, exactly. Golden files under
 * {@code tools/src/test/resources/report/}; rewrite them with
 * {@code mvn -B -ntp -o test -pl engine -Dtest='DecisionReportsTest,GithubReportTest' -Dgatehouse.rewriteGoldens=true}.
 */
class GithubReportTest {
    @Test
    void whenTheWorkedExampleIsNotEligibleThenEachBlockingViolationIsAnErrorAtItsField() throws Exception {
        PolicyEngine engine = SharedEngine.rules();
        dev.gatehouse.internal.InputReading.Located read = DecisionReportsTest.workedExampleLocated(false);
        DecisionReportsTest.golden(
                "worked-example.github.txt",
                GithubReport.render(engine.evaluate(read.input(), DecisionReportsTest.AT), read.sources()));
    }

    @Test
    void whenEvidenceIsInTheReadbackOrAnExceptionFileThenTheAnnotationIsInThatFile() throws Exception {
        PolicyEngine engine = SharedEngine.rules();
        dev.gatehouse.internal.InputReading.Located read = DecisionReportsTest.workedExampleLocated(true);
        DecisionReportsTest.golden(
                "worked-example-late.github.txt",
                GithubReport.render(
                        engine.evaluate(read.input(), Instant.parse("2026-12-10T12:00:00Z")), read.sources()));
    }

    static PromotionDecision decision(List<Violation> violations, List<Violation> waived, List<Violation> advisories) {
        return new PromotionDecision(
                PromotionDecision.API_VERSION,
                PromotionDecision.KIND,
                new PromotionDecision.ReleaseRef("svc", "1.0", "abc"),
                new PromotionDecision.PromotionRef("staging", "production"),
                violations.isEmpty(),
                null,
                violations,
                waived,
                advisories,
                List.of(),
                List.of(),
                new PromotionDecision.Provenance("0", "sha256:r", "sha256:i", "2026-11-28T12:00:00Z"));
    }

    static Stream<Arguments> escapes() {
        Sources files = Sources.of("dir,with:odd/e.json", "r.json");
        return Stream.of(
                Arguments.of(
                        "a subject with a newline and a comma, a colon and a percent",
                        decision(
                                List.of(new Violation(
                                        "SEC-001",
                                        "hard",
                                        "CVE-1,\nCVE-2: 100%",
                                        "line one\nline two, 50%\r",
                                        "/security/findings/0",
                                        null)),
                                List.of(),
                                List.of()),
                        files,
                        "::error file=dir%2Cwith%3Aodd/e.json,line=1,col=1,title=SEC-001 CVE-1%2C%0ACVE-2%3A 100%25::"
                                + "[hard] line one%0Aline two, 50%25%0D (evidence /security/findings/0)\n"
                                + "::notice title=gatehouse::svc 1.0 staging -> production: NOT ELIGIBLE (1 blocking, 0 waived, 0 advisories)\n"),
                Arguments.of(
                        "a waiver and an advisory are warnings; no subject, no pointer",
                        decision(
                                List.of(),
                                List.of(new Violation(
                                        "SEC-002", "soft", "CVE-3", "fixable", "/security/findings/1", "EXC-1")),
                                List.of(new Violation("ENV-007", "advisory", null, "an alert fires", null, null))),
                        files,
                        "::warning file=dir%2Cwith%3Aodd/e.json,line=1,col=1,title=SEC-002 CVE-3::waived by EXC-1: [soft] fixable"
                                + " (evidence /security/findings/1)\n"
                                + "::warning file=dir%2Cwith%3Aodd/e.json,line=1,col=1,title=ENV-007::advisory: an alert fires\n"
                                + "::notice title=gatehouse::svc 1.0 staging -> production: ELIGIBLE (0 blocking, 1 waived, 1 advisories)\n"),
                Arguments.of(
                        "a readback pointer is in the readback; an exception's in its own file, by id",
                        decision(
                                List.of(new Violation("EVD-004", "hard", null, "stale", "/capturedAt", null)),
                                List.of(),
                                List.of(new Violation("EXC-001", "advisory", "EXC-9", "expires", "/expiresAt", null))),
                        new Sources(
                                Sources.Source.of("e.json"),
                                Sources.Source.of("rb.json"),
                                Map.of("EXC-9", Sources.Source.of("exceptions\\EXC-9.yaml"))),
                        "::error file=rb.json,line=1,col=1,title=EVD-004::[hard] stale (evidence /capturedAt)\n"
                                + "::warning file=exceptions/EXC-9.yaml,line=1,col=1,title=EXC-001 EXC-9::advisory: expires"
                                + " (evidence /expiresAt)\n"
                                + "::notice title=gatehouse::svc 1.0 staging -> production: NOT ELIGIBLE (1 blocking, 0 waived, 1 advisories)\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void whenADecisionIsRenderedThenTheCommandsAreExactlyThese(
            String name, PromotionDecision d, Sources sources, String expected) {
        assertEquals(expected, GithubReport.render(d, sources));
    }
}
