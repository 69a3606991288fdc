package dev.gatehouse.internal.rulebase;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A precompiled model is used only when it was compiled from exactly the DRL files of the rulebase given now. */
class PrecompiledGuardTest {
    static final List<RuleSource> SOURCES = List.of(
            new RuleSource("a.drl", "rules/a.drl", "rule a".getBytes(StandardCharsets.UTF_8)),
            new RuleSource("enforcement.csv", "rules/enforcement.csv", "control".getBytes(StandardCharsets.UTF_8)));

    /** A class path with a precompiled a.drl (when content is not null) and an index listing {@code indexed}. */
    static ClassLoader withPrecompiledDrl(Path root, String content, String... indexed) throws IOException {
        Path dir = root.resolve(RulebaseCompiler.PRECOMPILED_DRL);
        Files.createDirectories(dir);
        if (content != null) {
            Files.writeString(dir.resolve("a.drl.src"), content, StandardCharsets.UTF_8);
        }
        Files.writeString(
                root.resolve(RulebaseCompiler.PRECOMPILED_INDEX),
                String.join("\n", indexed) + "\n",
                StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    static ClassLoader withPrecompiledDrl(Path root, String content) throws IOException {
        return content == null
                ? withPrecompiledDrl(root, null, new String[0])
                : withPrecompiledDrl(root, content, "a.drl");
    }

    @Test
    void whenThePrecompiledDrlIsTheBundledDrlThenTheModelIsUsed(@TempDir Path tmp) throws IOException {
        assertTrue(RulebaseCompiler.sameDrl(SOURCES, withPrecompiledDrl(tmp, "rule a")));
    }

    @Test
    void whenARuleChangedSinceThePrecompileThenTheModelIsNotUsed(@TempDir Path tmp) throws IOException {
        assertFalse(RulebaseCompiler.sameDrl(SOURCES, withPrecompiledDrl(tmp, "rule a, older")));
    }

    @Test
    void whenARuleFileIsNewSinceThePrecompileThenTheModelIsNotUsed(@TempDir Path tmp) throws IOException {
        assertFalse(RulebaseCompiler.sameDrl(SOURCES, withPrecompiledDrl(tmp, null)));
    }

    @Test
    void whenARuleFileWasRemovedSinceThePrecompileThenTheModelIsNotUsed(@TempDir Path tmp) throws IOException {
        // The model still holds the rules of b.drl: using it would run rules the folder no longer has.
        assertFalse(RulebaseCompiler.sameDrl(SOURCES, withPrecompiledDrl(tmp, "rule a", "a.drl", "b.drl")));
    }

    @Test
    void whenThereIsNoIndexThenTheModelIsNotUsed(@TempDir Path tmp) throws IOException {
        ClassLoader loader = withPrecompiledDrl(tmp, "rule a");
        Files.delete(tmp.resolve(RulebaseCompiler.PRECOMPILED_INDEX));
        assertFalse(RulebaseCompiler.sameDrl(SOURCES, loader));
    }
}
