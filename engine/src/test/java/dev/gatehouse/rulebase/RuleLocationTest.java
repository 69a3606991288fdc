package dev.gatehouse.rulebase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** When Drools gives no line, a diagnostic points at the declaration of the rule its message names. */
class RuleLocationTest {
    static final String DRL = String.join("\n",
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
}
