package dev.gatehouse.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.internal.text.Suggest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A diagnostic's note is a second, indented line for people; the one-line form never carries it. */
class DiagnosticNoteTest {
    @Test
    void whenADiagnosticHasANoteThenFormatIsOneLineAndFormatWithNoteAddsTheIndentedLine() {
        Diagnostic d = Diagnostic.rule(
                        DiagnosticCode.UNKNOWN_FACT_FIELD, "rules/a.drl", 10, 18, "Release has no field changeClas")
                .withNote("drools: Unable to Analyse Expression\n   changeClas == \"web\"");
        assertEquals("rules/a.drl:10:18: unknown-fact-field: Release has no field changeClas", d.format());
        assertEquals(
                "rules/a.drl:10:18: unknown-fact-field: Release has no field changeClas\n"
                        + "  drools: Unable to Analyse Expression changeClas == \"web\"",
                d.formatWithNote());
        assertEquals(d.format(), d.toString());
    }

    @Test
    void whenThereIsNoNoteThenFormatWithNoteIsTheOneLine() {
        Diagnostic d = Diagnostic.rule(DiagnosticCode.BAD_CASE, "f", 1, 2, "m");
        assertEquals(d.format(), d.formatWithNote());
        assertEquals(d.format(), d.withNote("  ").formatWithNote());
        assertEquals("g:1:2: bad-case: m\n  n", d.withNote("n").inFile("g").formatWithNote());
    }

    @Test
    void whenACodeIsNotADiagnosticCodeThenNoDiagnosticIsMade() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Diagnostic("x-y", Diagnostic.Severity.ERROR, "m", "f", 1, 2, null, null));
        Diagnostic d = new Diagnostic("bad-case", Diagnostic.Severity.ERROR, "m", "f", 1, 2, null, null);
        assertEquals(DiagnosticCode.BAD_CASE, d.diagnosticCode());
        assertEquals(true, d.is(DiagnosticCode.BAD_CASE));
    }

    @Test
    void whenANameIsMisspeltThenTheNearestKnownNamesAreSuggested() {
        assertEquals(
                " (did you mean changeClass?)",
                Suggest.didYouMean("changeClas", List.of("changeClass", "commit", "author")));
        assertEquals(List.of("Artifact"), Suggest.nearest("Artefact", List.of("Artifact", "Approval", "Release")));
        assertEquals(List.of("critical"), Suggest.nearest("Critical", List.of("critical", "high", "medium", "low")));
        assertEquals(List.of("gpu-driver"), Suggest.nearest("gpu_driver", List.of("gpu-driver", "runtime", "web")));
        assertEquals(List.of("applied"), Suggest.nearest("aplied", List.of("applied", "unused", "expired")));
        assertEquals(
                "",
                Suggest.didYouMean(
                        "colour", List.of("author", "changeClass", "commit", "person", "service", "version")));
        assertEquals(
                List.of("SEC-001", "SEC-003"), Suggest.nearest("SEC-002", List.of("SEC-001", "SEC-003", "CI-001")));
    }
}
