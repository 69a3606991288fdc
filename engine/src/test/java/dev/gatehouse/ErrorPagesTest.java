package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.model.DiagnosticCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The codes of {@link DiagnosticCode} and the pages under docs/errors/ are the same set, one page per code. */
class ErrorPagesTest {
    private static final Path PAGES = TestPaths.root().resolve("docs/errors");

    @Test
    void everyDiagnosticCodeHasAnErrorPage() {
        List<String> missing = Arrays.stream(DiagnosticCode.values())
                .map(DiagnosticCode::wire)
                .filter(c -> !Files.isRegularFile(PAGES.resolve(c + ".md")))
                .sorted()
                .toList();
        assertEquals(List.of(), missing, "codes without a page under docs/errors/");
    }

    @Test
    void everyErrorPageHasADiagnosticCode() throws IOException {
        List<String> orphans;
        try (Stream<Path> pages = Files.list(PAGES)) {
            orphans = pages.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - ".md".length()))
                    .filter(c -> DiagnosticCode.ofWire(c).isEmpty())
                    .sorted()
                    .toList();
        }
        assertEquals(List.of(), orphans, "pages under docs/errors/ without a code in DiagnosticCode");
    }

    @Test
    void everyPageStartsWithItsCodeAsTitle() throws IOException {
        for (DiagnosticCode c : DiagnosticCode.values()) {
            String first = Files.readAllLines(PAGES.resolve(c.wire() + ".md")).get(0);
            assertEquals("# " + c.wire(), first, c.wire() + ".md");
        }
    }

    @Test
    void everyWireNameIsTheConstantsNameInLowerCaseWithHyphens() {
        for (DiagnosticCode c : DiagnosticCode.values()) {
            assertEquals(c.name().toLowerCase(Locale.ROOT).replace('_', '-'), c.wire(), c.name());
            assertEquals(c.wire(), c.toString());
        }
    }
}
