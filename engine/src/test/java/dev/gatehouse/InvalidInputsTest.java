package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One folder per invalid input shape under src/test/resources/invalid/: reading it must fail with
 * exactly the diagnostics of its expected.txt (file names relative to the folder), never a decision.
 */
class InvalidInputsTest {
    static final Path CASES = TestPaths.root().resolve("engine/src/test/resources/invalid");

    @TestFactory
    Stream<DynamicTest> everyInvalidShapeIsRejectedWithExactDiagnostics() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream()
                    .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                        Path exceptions = dir.resolve("exceptions");
                        InvalidInputException e = assertThrows(
                                InvalidInputException.class,
                                () -> Inputs.read(
                                        dir.resolve("evidence.json"),
                                        dir.resolve("readback.json"),
                                        Files.isDirectory(exceptions) ? exceptions : null));
                        assertFalse(e.diagnostics().isEmpty());
                        String actual = e.diagnostics().stream()
                                .map(d -> relative(dir, d))
                                .collect(Collectors.joining("\n", "", "\n"));
                        Goldens.assertMatches(dir.resolve("expected.txt"), actual);
                    }));
        }
    }

    static String relative(Path dir, Diagnostic d) {
        String prefix = dir.toString() + "/";
        String file = d.file().startsWith(prefix) ? d.file().substring(prefix.length()) : d.file();
        return new Diagnostic(d.diagnosticCode(), d.severity(), d.message(), file, d.line(), d.column(), d.pointer())
                .format();
    }
}
