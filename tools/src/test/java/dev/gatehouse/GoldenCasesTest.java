package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.cases.CaseLoader;
import dev.gatehouse.cases.CaseResult;
import dev.gatehouse.cases.CaseRunner;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** One test per golden case under fixtures/, against the repository's rules/. */
class GoldenCasesTest {
    private static final PolicyEngine ENGINE = SharedEngine.rules();

    @Test
    void fixturesFolderHoldsOnlyValidCases() throws IOException {
        CaseLoader.Loaded loaded = CaseLoader.load(TestPaths.fixtures());
        assertEquals(
                List.of(), loaded.diagnostics().stream().map(Object::toString).toList());
        assertFalse(loaded.cases().isEmpty(), "no golden case found under " + TestPaths.fixtures());
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenCaseGivesItsExpectedDecision() throws IOException {
        return CaseLoader.load(TestPaths.fixtures()).cases().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    CaseResult r = CaseRunner.run(ENGINE, c);
                    assertTrue(r.passed(), () -> c.name() + ":\n  " + String.join("\n  ", r.differences()));
                }));
    }
}
