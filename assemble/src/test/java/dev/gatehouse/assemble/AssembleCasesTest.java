package dev.gatehouse.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.model.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The importer cases: one folder under {@code src/test/resources/cases/} each, with {@code case.yaml}
 * ({@code args}: the artifact flags of {@code gatehouse assemble}; {@code manifest}: the case's own
 * manifest, else the shared {@code cases/manifest.yaml}) and the exact expected result: the assembled
 * {@code evidence.json} and {@code readback.json}, or {@code diagnostics.txt} (one diagnostic per line,
 * as {@code gatehouse assemble} prints them). Goldens are rewritten only with
 * {@code -Dgatehouse.rewriteGoldens=true}.
 */
class AssembleCasesTest {
    static final Path CASES = Path.of("src/test/resources/cases");
    private static final ObjectMapper YAML = new YAMLMapper();

    @TestFactory
    Stream<DynamicTest> everyCaseGivesItsExpectedResult() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(CASES)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(dirs.size() >= 10, "the cases folder lost its cases: " + dirs);
        return dirs.stream()
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
    }

    static Assembler.Builder builder(Path dir) throws IOException {
        return builder(dir, false);
    }

    /** The case's assembler; {@code reversed}: its flags given in the reverse order (the result must not change). */
    static Assembler.Builder builder(Path dir, boolean reversed) throws IOException {
        JsonNode c = YAML.readTree(dir.resolve("case.yaml").toFile());
        Path manifest = c.has("manifest") ? dir.resolve(c.get("manifest").asText()) : CASES.resolve("manifest.yaml");
        Assembler.Builder b = Assembler.builder().manifest(manifest);
        List<String> args = new ArrayList<>();
        c.path("args")
                .forEach(a -> args.add(a.asText()
                        .replace("{samples}", "src/test/resources/samples")
                        .replace("{case}", dir.toString())));
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            pairs.add(new String[] {args.get(i), args.get(i + 1)});
        }
        if (reversed) {
            java.util.Collections.reverse(pairs);
        }
        for (String[] pair : pairs) {
            String flag = pair[0];
            String value = pair[1];
            switch (flag) {
                case "--trivy" -> b.trivy(Path.of(value));
                case "--sarif" -> b.sarif(Path.of(value));
                case "--junit" -> b.junit(Path.of(value));
                case "--cyclonedx" -> b.cyclonedx(Path.of(value));
                case "--vex" -> b.vex(Path.of(value));
                case "--provenance" -> b.provenance(Path.of(value));
                case "--k8s" -> b.k8s(Path.of(value));
                case "--argocd" -> b.argocd(Path.of(value));
                case "--reviews" -> b.reviews(Path.of(value));
                case "--roles" -> b.roles(Path.of(value));
                case "--vsa" -> {
                    String kind = value.substring(0, value.indexOf('='));
                    String env = kind.contains("@") ? kind.substring(kind.indexOf('@') + 1) : null;
                    b.vsa(
                            env == null ? kind : kind.substring(0, kind.indexOf('@')),
                            env,
                            Path.of(value.substring(value.indexOf('=') + 1)));
                }
                default -> throw new IllegalArgumentException(dir + ": unknown flag " + flag);
            }
        }
        return b;
    }

    private static void run(Path dir) throws IOException {
        Assembler assembler = builder(dir).build();
        Path diagnostics = dir.resolve("diagnostics.txt");
        if (Files.exists(diagnostics)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, assembler::assemble);
            String actual =
                    e.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n", "", "\n"));
            Goldens.assertMatches(diagnostics, actual);
            // The same problems whatever the order of the flags (a conflict is reported at the later place).
            InvalidInputException r =
                    assertThrows(InvalidInputException.class, builder(dir, true).build()::assemble);
            assertEquals(
                    actual,
                    r.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n", "", "\n")));
            return;
        }
        Assembly a = assembler.assemble();
        Goldens.assertMatches(dir.resolve("evidence.json"), a.evidenceJson());
        Goldens.assertMatches(dir.resolve("readback.json"), a.readbackJson());
        // Deterministic: the same inputs, in any order, give byte-identical documents.
        Assembly again = builder(dir, true).build().assemble();
        assertEquals(a.evidenceJson(), again.evidenceJson());
        assertEquals(a.readbackJson(), again.readbackJson());
    }

    /** Golden files: compared exactly, rewritten only with -Dgatehouse.rewriteGoldens=true. */
    static final class Goldens {
        private Goldens() {}

        static void assertMatches(Path golden, String actual) throws IOException {
            if (Boolean.getBoolean("gatehouse.rewriteGoldens")) {
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            String expected = Files.exists(golden)
                    ? Files.readString(golden, StandardCharsets.UTF_8)
                    : "<missing " + golden + ">";
            assertEquals(
                    expected,
                    actual,
                    "golden " + golden + " differs (rerun with -Dgatehouse.rewriteGoldens=true to accept)");
        }
    }
}
