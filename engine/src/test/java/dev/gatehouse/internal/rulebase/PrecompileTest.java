package dev.gatehouse.internal.rulebase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build step that stages rules/ for precompiling: all of its DRL when it compiles, nothing when it does not. */
class PrecompileTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private boolean run(Path rules, Path tmp) throws IOException {
        return Precompile.run(
                rules, tmp.resolve("kjar"), tmp.resolve("classes"), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    static Path copyOfRules(Path tmp) throws IOException {
        Path copy = Files.createDirectories(tmp.resolve("rules"));
        try (Stream<Path> files = Files.list(TestPaths.root().resolve("rules"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void whenTheRulesCompileThenEveryDrlFileIsStagedWithItsCopyAndTheIndex(@TempDir Path tmp) throws IOException {
        Path rules = copyOfRules(tmp);
        assertTrue(run(rules, tmp), log.toString());
        List<String> drls;
        try (Stream<Path> s = Files.list(rules)) {
            drls = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".drl"))
                    .sorted()
                    .toList();
        }
        assertEquals(drls, files(tmp.resolve("kjar/gatehouse/rules")));
        Path guard = tmp.resolve("classes").resolve(RulebaseCompiler.PRECOMPILED_DRL);
        assertEquals(String.join("\n", drls) + "\n", Files.readString(guard.resolve("INDEX")));
        assertEquals(Files.readString(rules.resolve("ci.drl")), Files.readString(guard.resolve("ci.drl.src")));
    }

    @Test
    void whenARuleDoesNotCompileThenNothingIsStagedAndEarlierCopiesAreGone(@TempDir Path tmp) throws IOException {
        Path rules = copyOfRules(tmp);
        assertTrue(run(rules, tmp), log.toString());
        Files.writeString(
                rules.resolve("ci.drl"),
                "\nrule \"broken\" when $x : NoSuchFact() then end\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        assertFalse(run(rules, tmp));

        assertEquals(List.of(), files(tmp.resolve("kjar/gatehouse/rules")));
        assertEquals(List.of(), files(tmp.resolve("classes").resolve(RulebaseCompiler.PRECOMPILED_DRL)));
        String warning = log.toString();
        assertTrue(warning.contains("[WARNING] gatehouse: " + rules + " is not precompiled"), warning);
        assertTrue(warning.contains("NoSuchFact"), warning);
        assertTrue(warning.contains("the engine compiles these rules at run time"), warning);
    }

    @Test
    void whenARuleFileIsInASubFolderThenNothingIsStaged(@TempDir Path tmp) throws IOException {
        Path rules = copyOfRules(tmp);
        Files.move(
                rules.resolve("ci.drl"),
                Files.createDirectories(rules.resolve("more")).resolve("ci.drl"));
        assertFalse(run(rules, tmp));
        assertTrue(
                log.toString().contains("more/ci.drl: a rule file in a sub-folder is compiled at run time only"),
                log.toString());
    }
}
