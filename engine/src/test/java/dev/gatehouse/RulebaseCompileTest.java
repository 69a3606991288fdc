package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.model.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule compile problems come back as diagnostics with file, line and column. */
class RulebaseCompileTest {
    static final Path RULEBASES = TestPaths.root().resolve("engine/src/test/resources/rulebases");

    static List<Diagnostic> problems(String name) {
        return assertThrows(
                        RulebaseException.class,
                        () -> PolicyEngine.builder()
                                .rules(RULEBASES.resolve(name))
                                .build())
                .diagnostics();
    }

    @Test
    void whenDrlHasSyntaxErrorThenDiagnosticNamesFileAndLine() {
        List<Diagnostic> d = problems("broken-syntax");
        assertTrue(d.stream().allMatch(x -> x.code().equals("rule-compile-error")), d::toString);
        Diagnostic first = d.get(0);
        assertEquals(RULEBASES.resolve("broken-syntax/t.drl").toString(), first.file());
        assertEquals(1, d.size(), d::toString);
        assertEquals(
                RULEBASES.resolve("broken-syntax/t.drl")
                        + ":9:5: rule-compile-error: [ERR 102] Line 9:4 mismatched input "
                        + "'$r' in rule \"T-001 broken\"",
                first.format());
    }

    @Test
    void whenDrlNamesUnknownFactTypeThenDiagnosticPointsAtThePattern() {
        List<Diagnostic> d = problems("broken-type");
        assertTrue(d.stream().anyMatch(x -> x.line() == 9 && x.message().contains("NoSuchFact")), d::toString);
        assertTrue(d.stream().allMatch(x -> x.file().endsWith("broken-type/t.drl")), d::toString);
    }

    @Test
    void whenAConsequenceOrConstraintIsWrongThenEachErrorIsAtItsOwnLine() {
        List<String> d = problems("broken-consequence").stream()
                .map(Diagnostic::formatWithNote)
                .toList();
        String file = RULEBASES.resolve("broken-consequence/t.drl").toString();
        assertEquals(
                List.of(
                        // in the consequence, at the call (line 18), not at the rule's header (line 12)
                        file
                                + ":18:22: rule-compile-error: Rule Compilation error The method of(Enforcement, String, String, String)"
                                + " in the type Violation is not applicable for the arguments (Enforcement, null, int, String)",
                        file
                                + ":24:18: unknown-fact-field: Release has no field colour: its fields are author, changeClass, commit,"
                                + " person, service, version\n  drools: Unable to Analyse Expression colour == \"red\": [Error: unable to"
                                + " resolve method using strict-mode: dev.gatehouse.facts.Release.colour()] [Near : {... colour == \"red\""
                                + " ....}] ^ [Line: 24, Column: 4]"),
                d);
    }

    @Test
    void whenAFactTypeIsMisspeltThenItsCodeSuggestsTheFactType() {
        List<String> d =
                problems("broken-type").stream().map(Diagnostic::formatWithNote).toList();
        assertEquals(
                List.of(RULEBASES.resolve("broken-type/t.drl") + ":9:10: unknown-fact-type: no fact type NoSuchFact:"
                        + " the facts are the types of dev.gatehouse.facts (docs/authoring.md) and the types the rulebase declares"
                        + "\n  drools: Unable to resolve ObjectType 'NoSuchFact'"),
                d);
    }

    @Test
    void whenEnforcementTableIsBrokenThenEachCellIsReported() {
        List<String> d = problems("bad-table").stream().map(Diagnostic::format).toList();
        String table = RULEBASES.resolve("bad-table/enforcement.csv").toString();
        assertEquals(
                List.of(
                        table
                                + ":1:1: missing-environment-column: environment column 'staging' is missing: every control needs a level in every environment",
                        table
                                + ":2:22: bad-enforcement-level: enforcement of T-001 in production must be hard, soft, advisory or off, not 'strict'"),
                d);
    }

    @Test
    void whenRulesFolderDoesNotExistThenDiagnosticSaysSo() {
        List<Diagnostic> d = problems("no-such-folder");
        assertEquals(1, d.size());
        assertTrue(d.get(0).message().startsWith("cannot read the rulebase"), d::toString);
    }

    @Test
    void whenBuilderIsMisusedThenItFailsFast() {
        PolicyEngine.Builder b = PolicyEngine.builder().rules(Path.of("a"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.rules(Path.of("b")));
        assertEquals("rules were already set to a", e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> PolicyEngine.builder().maxRuleFirings(0));
    }
}
