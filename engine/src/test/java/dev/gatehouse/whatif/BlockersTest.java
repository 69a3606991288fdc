package dev.gatehouse.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.Inputs;
import dev.gatehouse.model.PromotionDecision;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** --explain-blockers on the denied fixtures: evidence, what the control needs, soft or hard. */
class BlockersTest {
    static Stream<Arguments> denied() {
        return Stream.of(
                Arguments.of("denied-missing-security-approval", List.of(
                        "APR-001 hard security | evidence /approvals | needs [production: an approval with role security, not by the author]"
                                + " | rules [APR-001 production needs a security approval] | waivable false")),
                Arguments.of("denied-expired-exception", List.of(
                        "RSK-001 hard RR-17 | evidence /residualRisks/0/exceptionId | needs [every high or critical residual risk names an exception that is applied or unused]"
                                + " | rules [RSK-001 residual risk without a valid exception] | waivable false",
                        "SEC-002 soft CVE-2026-41022 | evidence /security/findings/0 | needs [no finding of severity high with a fix available]"
                                + " | rules [SEC-002 high finding with fix] | waivable true")),
                Arguments.of("worked-example", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("denied")
    void whenAReleaseIsDeniedThenEachBlockerSaysWhereWhatAndWhetherAnExceptionCanHelp(String fixture, List<String> expected) {
        Path d = Fixtures.dir(fixture);
        PromotionDecision decision = Fixtures.ENGINE.evaluate(
                Inputs.read(d.resolve("evidence.json"), d.resolve("readback.json"), d.resolve("exceptions")), Fixtures.AT);
        List<String> actual = Blockers.explain(Fixtures.ENGINE, decision).stream()
                .map(b -> b.control() + " " + b.enforcement() + " " + b.subject() + " | " + b.document() + " " + b.evidence()
                        + " | needs " + b.needs() + " | rules " + b.rules() + " | waivable " + b.waivable())
                .toList();
        assertEquals(expected, actual);
    }
}
