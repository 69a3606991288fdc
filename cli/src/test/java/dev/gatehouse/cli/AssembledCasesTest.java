package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end golden cases of {@code assembled/}: CI artifacts and a manifest in, through
 * {@code gatehouse assemble} and {@code gatehouse evaluate --manifest}, to a decision. Paths are given
 * relative to the working directory, so the goldens (and the decision's input digest) do not depend
 * on where the repository is checked out.
 */
class AssembledCasesTest {
    static final Path HERE = Path.of("").toAbsolutePath();
    static final Path DIR = CliRun.ROOT.resolve("assembled");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyAssembledCaseGivesItsDocumentsAndDecision() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(DIR)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(!cases.isEmpty(), "no case under " + DIR);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> run(c)));
    }

    static List<String> flags(Path dir) throws IOException {
        JsonNode c = new YAMLMapper().readTree(dir.resolve("case.yaml").toFile());
        String samples = HERE.relativize(CliRun.ROOT.resolve("assemble/src/test/resources/samples"))
                .toString();
        String self = HERE.relativize(dir).toString();
        List<String> out = new ArrayList<>();
        c.path("args")
                .forEach(a -> out.add(a.asText().replace("{samples}", samples).replace("{case}", self)));
        return out;
    }

    private void run(Path dir) throws IOException {
        String at = new YAMLMapper()
                .readTree(dir.resolve("case.yaml").toFile())
                .path("at")
                .asText();
        List<String> flags = flags(dir);
        Path e = tmp.resolve("evidence.json");
        Path r = tmp.resolve("readback.json");
        List<String> assemble =
                new ArrayList<>(List.of("assemble", "--evidence-out", e.toString(), "--readback-out", r.toString()));
        assemble.addAll(flags);
        CliRun assembled = CliRun.of(assemble.toArray(String[]::new));
        assertEquals(new CliRun(0, "", ""), assembled);
        golden(dir.resolve("evidence.json"), Files.readString(e));
        golden(dir.resolve("readback.json"), Files.readString(r));

        List<String> evaluate = new ArrayList<>(List.of("evaluate", "--at", at));
        evaluate.addAll(flags);
        CliRun decided = CliRun.of(evaluate.toArray(String[]::new));
        assertEquals("", decided.err());
        golden(dir.resolve("decision.json"), decided.out());
        JsonNode decision = new com.fasterxml.jackson.databind.ObjectMapper().readTree(decided.out());
        assertEquals(decision.path("eligible").asBoolean() ? 0 : 1, decided.exit());

        // The written documents give the same decision, input digest included.
        CliRun again = CliRun.of("evaluate", "--evidence", e.toString(), "--readback", r.toString(), "--at", at);
        assertEquals(decided, again);
    }

    private static void golden(Path file, String actual) throws IOException {
        if (Boolean.getBoolean("gatehouse.rewriteGoldens")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(
                Files.exists(file) ? Files.readString(file) : "<missing " + file + ">",
                actual,
                "golden " + file + " differs (rerun with -Dgatehouse.rewriteGoldens=true to accept)");
    }
}
