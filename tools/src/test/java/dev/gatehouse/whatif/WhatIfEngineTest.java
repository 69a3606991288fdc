package dev.gatehouse.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.InvalidInputException;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.Environment;
import dev.gatehouse.model.PromotionDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of change, and the difference it makes, on the repository's fixtures. */
class WhatIfEngineTest {
    private static final WhatIfEngine WHATIF = WhatIfEngine.of(Fixtures.ENGINE);

    @TempDir
    static Path tmp;

    /** A summary of a diff that a table can state exactly. */
    static String summary(DecisionDiff d) {
        StringBuilder sb = new StringBuilder(d.direction());
        if (d.ring() != null && d.ring().changed()) {
            sb.append("; ring ")
                    .append(d.ring().base())
                    .append("->")
                    .append(d.ring().variant());
        }
        d.violationsAdded().forEach(v -> sb.append("; +").append(key(v)));
        d.violationsRemoved().forEach(v -> sb.append("; -").append(key(v)));
        d.waiversGained().forEach(v -> sb.append("; +waived ").append(key(v)));
        d.waiversLost().forEach(v -> sb.append("; -waived ").append(key(v)));
        d.exceptionChanges()
                .forEach(x -> sb.append("; ")
                        .append(x.id())
                        .append(' ')
                        .append(x.base())
                        .append("->")
                        .append(x.variant()));
        return sb.toString();
    }

    private static String key(PromotionDecision.Violation v) {
        return v.control() + "[" + v.enforcement() + "]" + (v.subject() == null ? "" : " " + v.subject());
    }

    static Stream<Arguments> changes() throws Exception {
        Path patch = tmp.resolve("patch.json");
        Files.writeString(
                patch,
                "[{\"op\":\"test\",\"path\":\"/ci/checks/build\",\"value\":\"passed\"},"
                        + "{\"op\":\"replace\",\"path\":\"/ci/checks/build\",\"value\":\"skipped\"}]");
        Path readbackPatch = tmp.resolve("readback-patch.json");
        Files.writeString(readbackPatch, "[{\"op\":\"replace\",\"path\":\"/identity/idpReplicas\",\"value\":1}]");
        Function<Changes.Builder, Changes.Builder> none = b -> b;
        return Stream.of(
                Arguments.of("no change", "worked-example", none, "none"),
                Arguments.of(
                        "set appends the missing approval",
                        "denied-missing-security-approval",
                        f(
                                b -> b.set(
                                        "/approvals/-={\"role\":\"security\",\"by\":\"p.ramaswamy\",\"at\":\"2026-11-25T09:30:00Z\"}")),
                        "not eligible -> eligible; -APR-001[hard] security"),
                Arguments.of(
                        "set replaces a check status",
                        "worked-example",
                        f(b -> b.set("/ci/checks/test=\"failed\"")),
                        "eligible -> not eligible; +CI-001[hard] test"),
                Arguments.of(
                        "set in the readback",
                        "worked-example",
                        f(b -> b.set("readback:/edge/waf=false")),
                        "eligible -> not eligible; +ENV-005[hard]"),
                Arguments.of(
                        "unset an approval",
                        "worked-example",
                        f(b -> b.unset("/approvals/1")),
                        "eligible -> not eligible; +APR-001[hard] security"),
                Arguments.of(
                        "patch the evidence",
                        "worked-example",
                        f(b -> b.patch(patch.toString())),
                        "eligible -> not eligible; +CI-001[hard] build"),
                Arguments.of(
                        "patch the readback",
                        "worked-example",
                        f(b -> b.patch("readback:" + readbackPatch)),
                        "eligible -> not eligible; +ENV-002[hard]"),
                Arguments.of(
                        "other exceptions",
                        "worked-example",
                        f(b -> b.exceptions(
                                Fixtures.dir("denied-expired-exception").resolve("exceptions"))),
                        "eligible -> not eligible; +RSK-001[hard] RR-17; +SEC-002[soft] CVE-2026-41022;"
                                + " -waived SEC-002[soft] CVE-2026-41022; EXC-2026-031 applied->expired"),
                Arguments.of(
                        "a later time (relative)",
                        "denied-missing-security-approval",
                        f(b -> b.atOffset(Duration.ofHours(1))),
                        "none"),
                Arguments.of(
                        "another rulebase",
                        "worked-example",
                        f(b -> b.rules(Fixtures.ENGINE.withEnforcement("SEC-002", Environment.PRODUCTION, "hard"))),
                        "eligible -> not eligible; +RSK-001[hard] RR-17; +SEC-002[hard] CVE-2026-41022;"
                                + " -waived SEC-002[soft] CVE-2026-41022; EXC-2026-031 applied->ineffective"));
    }

    private static Function<Changes.Builder, Changes.Builder> f(Function<Changes.Builder, Changes.Builder> fn) {
        return fn;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void whenTheVariantChangesThenTheDiffSaysExactlyWhat(
            String name, String fixture, Function<Changes.Builder, Changes.Builder> change, String expected) {
        WhatIfResult r = WHATIF.whatIf(
                Fixtures.scenario(fixture), change.apply(Changes.builder()).build());
        assertEquals(expected, summary(r.diff()));
        assertEquals(!expected.equals("none") || r.diff().changed(), r.diff().changed());
    }

    @Test
    void whenTheExceptionExpiresLaterThenTheDiffShowsItAndTheRingReasons() {
        WhatIfResult r = WHATIF.whatIf(
                Fixtures.scenario("worked-example"),
                Changes.builder().at(Instant.parse("2026-12-15T00:00:00Z")).build());
        assertTrue(r.diff().eligibilityChanged());
        assertEquals(
                List.of("EXC-2026-031 applied->expired"),
                r.diff().exceptionChanges().stream()
                        .map(x -> x.id() + " " + x.base() + "->" + x.variant())
                        .toList());
        assertEquals("2026-12-15T00:00:00Z", r.variant().provenance().evaluatedAt());
        assertEquals(
                List.of("baked"),
                r.diff().ring().variantReasons().stream()
                        .map(PromotionDecision.Reason::code)
                        .toList());
        assertEquals(List.of("evaluated at 2026-12-15T00:00:00Z"), r.changes());
    }

    @Test
    void whenNothingChangesThenBothDecisionsAreTheSameAndTheDiffIsEmpty() {
        WhatIfResult r = WHATIF.whatIf(Fixtures.scenario("worked-example"), Changes.NONE);
        assertEquals(r.base(), r.variant());
        assertFalse(r.diff().changed());
        assertEquals("none", r.diff().direction());
    }

    static Stream<Arguments> invalidVariants() {
        String ev = Fixtures.evidenceLabel("worked-example");
        String rb = Fixtures.dir("worked-example").resolve("readback.json").toString();
        return Stream.of(
                Arguments.of(
                        "/approvals/-={\"role\":\"security\",\"by\":\"x\"}",
                        List.of(ev + " (variant): /approvals/2/at: is required")),
                Arguments.of(
                        "/approvals/-={\"role\":\"auditor\",\"by\":\"x\",\"at\":\"2026-11-25T09:30:00Z\"}",
                        List.of(
                                ev
                                        + " (variant): /approvals/2/role: must be one of service-owner, release-manager, security, tenant-governance, not \"auditor\"")),
                Arguments.of(
                        "/aprovals=[]",
                        List.of(ev + " (variant): /aprovals: is not a known field (did you mean approvals?)")),
                Arguments.of(
                        "/ci/nope/x=1",
                        List.of(
                                ev
                                        + " (variant): /ci/nope/x: cannot be reached: /ci/nope does not exist in the document")),
                Arguments.of(
                        "readback:/edge/waf=\"no\"",
                        List.of(rb + " (variant): /edge/waf: has the wrong type: string found, boolean expected")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidVariants")
    void whenAChangeBreaksTheContractThenThereIsNoDecisionButADiagnosticAtThePointer(
            String set, List<String> expected) {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> WHATIF.whatIf(
                        Fixtures.scenario("worked-example"),
                        Changes.builder().set(set).build()));
        assertEquals(expected, e.diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void whenAPatchTestFailsThenTheDiagnosticNamesTheOperation() throws Exception {
        Path patch = tmp.resolve("failing-test.json");
        Files.writeString(patch, "[{\"op\":\"test\",\"path\":\"/ci/checks/test\",\"value\":\"failed\"}]");
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> WHATIF.whatIf(
                        Fixtures.scenario("worked-example"),
                        Changes.builder().patch(patch.toString()).build()));
        assertEquals(
                List.of(patch + ": /0: test: /ci/checks/test: test failed: the value is \"passed\", not \"failed\" (in "
                        + Fixtures.evidenceLabel("worked-example") + " (variant))"),
                e.diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void whenAnUnsetTargetIsMissingThenItIsADiagnostic() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> WHATIF.whatIf(
                        Fixtures.scenario("worked-example"),
                        Changes.builder().unset("/approvals/7").build()));
        assertEquals(
                List.of(Fixtures.evidenceLabel("worked-example")
                        + " (variant): /approvals/7: does not exist in the document"),
                e.diagnostics().stream().map(Diagnostic::format).toList());
    }

    static Stream<Arguments> badEditSyntax() {
        return Stream.of(
                Arguments.of(
                        "/ci/checks/test", "'/ci/checks/test' must be POINTER=JSON, e.g. /ci/checks/test=\"passed\""),
                Arguments.of(
                        "/ci/checks/test=passed",
                        "'/ci/checks/test=passed': the value after = is not JSON (a string needs quotes: \"passed\")"),
                Arguments.of(
                        "ci/checks/test=1",
                        "'ci/checks/test=1': the pointer must start with / (RFC 6901), optionally after evidence: or readback:"),
                Arguments.of("/x=", "'/x=': the value after = is empty; write JSON, e.g. \"text\", 3, true, null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEditSyntax")
    void whenASetIsMalformedThenItSaysHowToWriteIt(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Edit.parseSet(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void whenBothBaseFilesAreMissingThenBothAreReported() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> Scenario.read(tmp.resolve("e.json"), tmp.resolve("r.json"), null, Fixtures.AT));
        assertEquals(
                List.of(
                        tmp.resolve("e.json") + ": unreadable-file: cannot read the file: it does not exist",
                        tmp.resolve("r.json") + ": unreadable-file: cannot read the file: it does not exist"),
                e.diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void whenTheBaseIsNotChangedByAnEditThenTheBaseTreeStaysAsRead() {
        Scenario base = Fixtures.scenario("worked-example");
        WHATIF.whatIf(base, Changes.builder().unset("/approvals/1").build());
        assertEquals(2, base.evidence().get("approvals").size());
    }
}
