package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A threshold lives in exactly one place: a rule's @description names the setting, it does not
 * repeat the setting's number (which would go stale when security retunes the row).
 */
class RuleDescriptionsTest {
    /**
     * Descriptions written before this check that still repeat a setting's number: debt to pay
     * down, never to grow. A rule leaves this list when its description names its settings.
     */
    static final Set<String> KNOWN = Set.of();

    @Test
    void noNewRuleDescriptionRepeatsANumberOfTheSettings() throws IOException {
        Set<String> numbers = new TreeSet<>();
        for (String line : Files.readAllLines(TestPaths.rules().resolve("settings.csv"))) {
            String[] cells = line.split(",", 4);
            if (cells.length == 4 && Set.of("duration", "integer", "percent").contains(cells[1])) {
                Matcher digits = Pattern.compile("\\d+").matcher(cells[2]);
                while (digits.find()) {
                    numbers.add(digits.group());
                }
            }
        }
        Pattern token = Pattern.compile("(?<![\\w.-])\\d+(?![\\w.-]*\\w)");
        Map<String, String> repeating = new TreeMap<>();
        PolicyEngine engine = SharedEngine.rules();
        for (var rule : engine.ruleMetadataAsWritten()) {
            Matcher m = token.matcher(rule.description());
            while (m.find()) {
                if (numbers.contains(m.group())) {
                    repeating.merge(rule.name(), rule.description(), (a, b) -> a);
                }
            }
        }
        Map<String, String> unknown = new TreeMap<>(repeating);
        unknown.keySet().removeAll(KNOWN);
        assertEquals(Map.of(), unknown, "descriptions that repeat a number of settings.csv " + numbers);
        Set<String> paid = new TreeSet<>(KNOWN);
        paid.removeAll(repeating.keySet());
        assertEquals(Set.of(), paid, "these rules no longer repeat a number: remove them from KNOWN");
    }
}
