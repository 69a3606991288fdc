package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.model.Environment;
import dev.gatehouse.model.PromotionDecision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy is data: one table cell retunes a control, and no Java source names a control. */
class EnforcementTableTest {
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void whenOneCellOfTheTableChangesThenTheOutcomeChangesWithoutTouchingARule(@TempDir Path tmp) throws IOException {
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules);
        try (Stream<Path> files = Files.list(TestPaths.rules())) {
            for (Path f : files.toList()) {
                Files.copy(f, rules.resolve(f.getFileName()));
            }
        }
        Path table = rules.resolve("enforcement.csv");
        String csv = Files.readString(table, StandardCharsets.UTF_8);
        String edited =
                csv.replace("SEC-002,advisory,advisory,soft,soft,soft", "SEC-002,advisory,advisory,soft,soft,hard");
        assertFalse(csv.equals(edited), "the SEC-002 row was not found");
        Files.writeString(table, edited, StandardCharsets.UTF_8);

        PromotionDecision before = SharedEngine.rules().evaluate(TestPaths.workedExample(), AT);
        PromotionDecision after = PolicyEngine.builder().rules(rules).build().evaluate(TestPaths.workedExample(), AT);

        assertTrue(before.eligible());
        assertFalse(after.eligible());
        // The exception only named SEC-002, now hard: it is ineffective, so RR-17 has no valid exception either.
        assertEquals(
                List.of("RSK-001 hard RR-17", "SEC-002 hard CVE-2026-41022"),
                after.violations().stream()
                        .map(v -> v.control() + " " + v.enforcement() + " " + v.subject())
                        .toList());
        assertEquals("ineffective", after.exceptions().get(0).status());
        for (String f : List.of("approvals.drl", "security.drl", "exceptions.drl", "rings.drl")) {
            assertEquals(Files.readString(TestPaths.rules().resolve(f)), Files.readString(rules.resolve(f)));
        }
    }

    @Test
    void whenTheEngineRetunesACellInMemoryThenTheSameHappens() {
        PolicyEngine engine = PolicyEngine.builder().build();
        String control = engine.controls().stream()
                .filter(c -> c.startsWith("SEC"))
                .sorted()
                .skip(1)
                .findFirst()
                .orElseThrow();
        PromotionDecision d =
                engine.withEnforcement(control, Environment.PRODUCTION, "hard").evaluate(TestPaths.workedExample(), AT);
        assertFalse(d.eligible());
    }

    @Test
    void noJavaSourceNamesAControlOfTheTable() throws IOException {
        List<String> controls = Files.readAllLines(TestPaths.rules().resolve("enforcement.csv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("control,"))
                .map(l -> l.substring(0, l.indexOf(',')))
                .toList();
        assertTrue(controls.size() >= 20, "controls read from the table: " + controls);
        Pattern anyId = Pattern.compile("\\b(EVD|CI|SEC|VER|APR|RBK|ENV|RSK|RNG|EXC)-[0-9]{3}\\b");
        StringBuilder found = new StringBuilder();
        for (String module : List.of("engine/src/main/java", "cli/src/main/java")) {
            try (Stream<Path> files = Files.walk(TestPaths.root().resolve(module))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String src = Files.readString(f);
                    Matcher m = anyId.matcher(src);
                    while (m.find()) {
                        found.append(f).append(": ").append(m.group()).append('\n');
                    }
                    for (String c : controls) {
                        if (src.contains("\"" + c + "\"")) {
                            found.append(f).append(": ").append(c).append('\n');
                        }
                    }
                }
            }
        }
        assertEquals("", found.toString(), "Java sources that name a control (policy belongs in rules/)");
    }
}
