package dev.gatehouse.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.TestPaths;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.DiagnosticCode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One deliberately broken rulebase per lint under {@code src/test/resources/lint/<case>/}, each
 * with {@code expected.txt}: the exact findings in check's order, file names relative to the case
 * folder, each followed by its indented note line (Drools' own words) where it has one.
 */
class LinterTest {
    static Path cases() throws URISyntaxException {
        return Path.of(LinterTest.class.getResource("/lint").toURI());
    }

    @TestFactory
    Stream<DynamicTest> eachBrokenRulebaseGivesExactlyItsFindings() throws Exception {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(cases())) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(dirs.size() >= 16, "lint cases found: " + dirs);
        return dirs.stream()
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                    List<String> expected = Files.readAllLines(dir.resolve("expected.txt"), StandardCharsets.UTF_8);
                    assertEquals(expected, lines(dir));
                }));
    }

    @Test
    void whenEveryLintCodeHasACaseThenNoCodeIsUntested() throws Exception {
        List<String> found;
        try (Stream<Path> s = Files.list(cases())) {
            found = s.filter(Files::isDirectory)
                    .flatMap(d -> {
                        try {
                            return Files.readAllLines(d.resolve("expected.txt")).stream();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .filter(l -> !l.startsWith(" "))
                    .map(l -> l.split(": ")[1])
                    .distinct()
                    .sorted()
                    .toList();
        }
        List<String> untested = Linter.CODES.stream()
                .map(DiagnosticCode::wire)
                .filter(c -> !found.contains(c))
                .sorted()
                .toList();
        assertEquals(List.of(), untested);
    }

    @Test
    void whenACodeCanBeReportedThenItHasAPageUnderDocsErrors() {
        List<String> undocumented = Linter.CODES.stream()
                .map(DiagnosticCode::wire)
                .filter(c -> !Files.isRegularFile(TestPaths.root().resolve("docs/errors/" + c + ".md")))
                .sorted()
                .toList();
        assertEquals(List.of(), undocumented);
    }

    @Test
    void whenTheRepositoryRulesAreLintedThenThereIsNoFinding() {
        assertEquals(
                List.of(),
                Linter.lint(TestPaths.rules()).stream().map(Diagnostic::format).toList());
    }

    @Test
    void whenTheBundledRulesAreLintedThenThereIsNoFinding() {
        assertEquals(
                List.of(), Linter.lintBundled().stream().map(Diagnostic::format).toList());
    }

    @Test
    void whenTheFolderDoesNotExistThenOneFindingSaysSo() {
        Path nowhere = Path.of("target", "no-such-rules");
        assertEquals(
                List.of(nowhere + ": missing-rulebase-file: cannot read the rulebase: not a folder: " + nowhere),
                Linter.lint(nowhere).stream().map(Diagnostic::format).toList());
    }

    /** The findings as check prints them: one line each, and an indented note line where there is one. */
    static List<String> lines(Path dir) {
        String prefix = dir.toString() + java.io.File.separator;
        return Linter.lint(dir).stream()
                .flatMap(d -> d.formatWithNote().replace(prefix, "").lines())
                .toList();
    }
}
