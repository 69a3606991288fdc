package dev.gatehouse.rulebase;

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

/** A precompiled model is used only when it was compiled from exactly the DRL bundled now. */
class PrecompiledGuardTest {
    static final List<RuleSource> SOURCES = List.of(
            new RuleSource("a.drl", "rules/a.drl", "rule a".getBytes(StandardCharsets.UTF_8)),
            new RuleSource("enforcement.csv", "rules/enforcement.csv", "control".getBytes(StandardCharsets.UTF_8)));

    static ClassLoader withPrecompiledDrl(Path root, String content) throws IOException {
        Path dir = root.resolve(RulebaseCompiler.PRECOMPILED_DRL);
        Files.createDirectories(dir);
        if (content != null) {
            Files.writeString(dir.resolve("a.drl.src"), content, StandardCharsets.UTF_8);
        }
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
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
}
