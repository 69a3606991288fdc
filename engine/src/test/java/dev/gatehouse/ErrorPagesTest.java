package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every diagnostic code declared in the sources has its page under docs/errors/. */
class ErrorPagesTest {
    @Test
    void everyDiagnosticCodeHasAnErrorPage() throws IOException {
        Pattern code = Pattern.compile("static final String [A-Z_]+ = \"([a-z]+(-[a-z]+)+)\"");
        TreeSet<String> codes = new TreeSet<>();
        for (String module : List.of("engine/src/main/java", "cli/src/main/java")) {
            try (Stream<Path> files = Files.walk(TestPaths.root().resolve(module))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = code.matcher(Files.readString(f));
                    while (m.find()) {
                        codes.add(m.group(1));
                    }
                }
            }
        }
        assertTrue(codes.size() >= 20, "codes found: " + codes);
        List<String> missing = new ArrayList<>();
        for (String c : codes) {
            if (!Files.isRegularFile(TestPaths.root().resolve("docs/errors/" + c + ".md"))) {
                missing.add(c);
            }
        }
        assertEquals(List.of(), missing, "codes without a page under docs/errors/");
    }
}
