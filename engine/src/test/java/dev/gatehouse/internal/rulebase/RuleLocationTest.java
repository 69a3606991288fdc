package dev.gatehouse.internal.rulebase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When Drools gives no line, a diagnostic points at the declaration of the rule its message names. */
class RuleLocationTest {
    static final String DRL = String.join(
            "\n",
            "package test.rules;",
            "",
            "rule \"first\"",
            "when then end",
            "",
            "  rule \"second one\" @control(\"T-1\")",
            "when then end");

    @Test
    void whenTheRuleIsDeclaredThenItsLineIsFound() {
        assertEquals(3, RulebaseCompiler.lineOfRule(DRL, "first"));
        assertEquals(6, RulebaseCompiler.lineOfRule(DRL, "second one"));
    }

    @Test
    void whenTheRuleIsNotDeclaredThenTheLineIsUnknown() {
        assertEquals(0, RulebaseCompiler.lineOfRule(DRL, "third"));
        assertEquals(0, RulebaseCompiler.lineOfRule(DRL, "sec"));
    }

    @Test
    void whenDroolsGivesALineButNoColumnThenTheColumnIsTheQuotedNameOrTheFirstCharacter() {
        List<RuleSource> drls = List.of(new RuleSource(
                "t.drl",
                "rules/t.drl",
                "rule \"x\"\nwhen\n    $s : Scann()\nthen\nend\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(10, RulebaseCompiler.columnOnLine(drls, "rules/t.drl", 3, "Unable to resolve ObjectType 'Scann'"));
        assertEquals(5, RulebaseCompiler.columnOnLine(drls, "rules/t.drl", 3, "The method of(A, B) is not applicable"));
        assertEquals(1, RulebaseCompiler.columnOnLine(drls, "rules/t.drl", 1, "no quoted name"));
        assertEquals(1, RulebaseCompiler.columnOnLine(drls, "rules/other.drl", 3, "'Scann'"));
    }
}
