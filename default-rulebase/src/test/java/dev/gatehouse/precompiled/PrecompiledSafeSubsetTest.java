package dev.gatehouse.precompiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.internal.rulebase.RuleSource;
import dev.gatehouse.internal.rulebase.RuleSources;
import dev.gatehouse.internal.rulebase.RulebaseCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The precompiled default rulebase is held to the same safe subset as every rulebase compiled at run
 * time: the same checker reads every class this module's build generated (rules, lambdas,
 * functions). The build checks it here, once, instead of every command start paying for it.
 */
class PrecompiledSafeSubsetTest {
    private static final Path CLASSES = Path.of(System.getProperty("gatehouse.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("default-rulebase/target/classes");

    @Test
    void everyGeneratedClassOfThePrecompiledRulebaseIsInsideTheSafeSubset() throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            files.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                String name = CLASSES.relativize(p).toString().replace('\\', '/');
                try {
                    classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertTrue(
                classes.keySet().stream().anyMatch(c -> c.matches("gatehouse/rules/Rules[0-9A-F]+")),
                "no generated rule class under " + CLASSES + ": " + classes.size() + " classes");
        assertTrue(classes.keySet().stream().anyMatch(c -> c.contains("/LambdaConsequence")), "no consequence class");
        List<RuleSource> drls =
                RuleSources.bundled().stream().filter(RuleSource::isDrl).toList();
        long start = System.nanoTime();
        List<String> found = RulebaseCompiler.forbidden(classes, drls).stream()
                .map(Object::toString)
                .toList();
        System.out.printf(
                "safe subset check of %d precompiled classes: %.1f ms%n",
                classes.size(), (System.nanoTime() - start) / 1e6);
        assertEquals(List.of(), found);
    }
}
