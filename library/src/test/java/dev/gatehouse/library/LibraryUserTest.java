package dev.gatehouse.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What a library user gets from the one dependency {@code dev.gatehouse:gatehouse}: the README's example runs in a
 * JVM of its own with exactly the artifact's runtime class path (no test-scoped binding, no system property), finds
 * the precompiled default rulebase, and prints nothing on stderr (no SLF4J "no providers" warning, no Hibernate
 * Validator version line).
 */
class LibraryUserTest {
    static final Path ROOT =
            Path.of(System.getProperty("gatehouse.root", "..")).toAbsolutePath().normalize();

    @Test
    void theReadmeExampleRunsOnTheLibrarysRuntimeClassPathWithNothingOnStderr() throws Exception {
        String runtime = Files.readString(Path.of(System.getProperty("gatehouse.runtimeClasspath")))
                .strip();
        Path testClasses = Path.of(ReadmeExample.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = Files.createTempFile("gatehouse-library", ".out");
        Path err = Files.createTempFile("gatehouse-library", ".err");
        try {
            Process p = new ProcessBuilder(List.of(
                            java.toString(),
                            "-cp",
                            testClasses + File.pathSeparator + runtime,
                            ReadmeExample.class.getName(),
                            ROOT.resolve("fixtures/worked-example").toString()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the example did not finish in 120 s");
            assertEquals("", Files.readString(err, StandardCharsets.UTF_8), "stderr");
            assertEquals(
                    "true ring 2 sha256:35a50a1927daaeb99a3c35d3b4f1fd90755dfeb3ecf75d5cb2292280b75e1102\n",
                    Files.readString(out, StandardCharsets.UTF_8));
            assertEquals(0, p.exitValue());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theRuntimeClassPathHoldsThePrecompiledRulebaseAndOneSlf4jBinding() throws Exception {
        List<String> jars = List.of(Files.readString(Path.of(System.getProperty("gatehouse.runtimeClasspath")))
                .strip()
                .split(File.pathSeparator));
        assertTrue(jars.stream().anyMatch(j -> j.contains("default-rulebase")), String.join("\n", jars));
        assertEquals(
                List.of("slf4j-nop"),
                jars.stream()
                        .map(j -> Path.of(j).getFileName().toString())
                        .filter(n -> n.startsWith("slf4j-") && !n.startsWith("slf4j-api"))
                        .map(n -> n.replaceAll("-[0-9].*", ""))
                        .collect(Collectors.toList()));
    }

    @Test
    void theReadmeShowsTheExampleAsItRuns() throws Exception {
        String source =
                Files.readString(ROOT.resolve("library/src/test/java/dev/gatehouse/library/ReadmeExample.java"));
        String body = source.substring(
                source.indexOf("// README:begin\n") + "// README:begin\n".length(),
                source.indexOf("        // README:end"));
        String unindented = body.lines()
                .map(l -> l.startsWith("        ") ? l.substring(8) : l)
                .collect(Collectors.joining("\n", "", "\n"));
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertTrue(readme.contains(unindented), "README.md must show, verbatim:\n" + unindented);
    }
}
