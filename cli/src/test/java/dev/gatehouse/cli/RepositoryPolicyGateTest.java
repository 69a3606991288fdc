package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The default policy can never land broken or uncovered: {@code mvn verify} runs
 * {@code gatehouse check} and {@code gatehouse test --min-coverage} on the repository's own
 * {@code rules/} and {@code fixtures/}, and prints the measured coverage.
 */
class RepositoryPolicyGateTest {
    static final Path ROOT =
            Path.of(System.getProperty("gatehouse.root", "..")).toAbsolutePath().normalize();

    /**
     * The coverage floor in percent, for rules and for controls alike: what the fixtures reach
     * (every rule and every control fires in at least one golden case). A new rule or control
     * lands with its fixtures, or this fails.
     */
    static final String MIN_COVERAGE = "100";

    @Test
    void whenTheRepositoryRulesAreCheckedThenThereIsNoFinding() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(
                new String[] {"check", "--rules", ROOT.resolve("rules").toString()},
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals("", err.toString());
        assertEquals(0, exit);
    }

    @Test
    void whenTheRepositoryFixturesAreRunThenAllPassAboveTheCoverageFloor() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(
                new String[] {
                    "test",
                    "--rules",
                    ROOT.resolve("rules").toString(),
                    "--fixtures",
                    ROOT.resolve("fixtures").toString(),
                    "--min-coverage",
                    MIN_COVERAGE
                },
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        String report = out.toString();
        System.out.println("gatehouse test on the repository's fixtures (floor " + MIN_COVERAGE + "%):");
        report.lines()
                .filter(l -> l.startsWith("coverage:") || l.matches("\\d+ passed, \\d+ failed"))
                .forEach(l -> System.out.println("  " + l));
        assertEquals("", err.toString(), report);
        assertEquals(0, exit, report);
    }
}
