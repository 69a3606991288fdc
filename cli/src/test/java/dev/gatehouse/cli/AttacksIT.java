package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The attack table: every folder of {@code attacks/} is one hostile or careless input, run as a
 * real {@code gatehouse} process (its own JVM, a small heap, a time limit), with the exit code and
 * the first stderr line it must give. See {@code attacks/README.md} for the format.
 */
class AttacksIT {
    static final Path ATTACKS = CliRun.ROOT.resolve("attacks");

    /** One case, as {@code attacks/NAME/case.yaml} states it. */
    record Attack(
            String issue,
            String what,
            List<String> args,
            int exit,
            String stderr,
            Integer stderrLines,
            String stdout,
            String stdoutTo,
            List<String> fifos,
            Map<String, Generated> generate,
            List<String> copy,
            List<String> jvm,
            Map<String, String> env,
            Integer timeoutSeconds) {}

    /** A file made in {tmp} before the run: {@code head}, then {@code repeat} {@code times} times, then {@code tail}. */
    record Generated(String head, String repeat, long times, String tail) {}

    static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @TestFactory
    Stream<DynamicTest> everyAttackEndsAsItMust() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(ATTACKS)) {
            cases = s.filter(p -> Files.isRegularFile(p.resolve("case.yaml")))
                    .sorted()
                    .toList();
        }
        assertFalse(cases.isEmpty(), "no attack cases under " + ATTACKS);
        return cases.stream()
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
    }

    static void run(Path dir) throws Exception {
        Attack a = YAML.readValue(dir.resolve("case.yaml").toFile(), Attack.class);
        assertTrue(
                a.issue() != null && a.what() != null && a.args() != null && a.stderr() != null,
                dir + "/case.yaml needs issue, what, args, exit and stderr");
        Path tmp = Files.createTempDirectory("attack-");
        for (String fifo : a.fifos() == null ? List.<String>of() : a.fifos()) {
            Process mk = new ProcessBuilder("mkfifo", tmp.resolve(fifo).toString())
                    .inheritIO()
                    .start();
            assertEquals(0, mk.waitFor(), "mkfifo " + fifo);
        }
        if (a.generate() != null) {
            for (Map.Entry<String, Generated> g : a.generate().entrySet()) {
                generate(tmp.resolve(g.getKey()), g.getValue(), dir, tmp);
            }
        }
        for (String file : a.copy() == null ? List.<String>of() : a.copy()) {
            Path from = Path.of(expand(file, dir, tmp));
            Files.copy(from, tmp.resolve(from.getFileName()));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        if (a.jvm() != null) {
            command.addAll(a.jvm());
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        a.args().forEach(arg -> command.add(expand(arg, dir, tmp)));

        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().remove("GATEHOUSE_JAVA_OPTS");
        if (a.env() != null) {
            a.env().forEach((k, v) -> pb.environment().put(k, expand(v, dir, tmp)));
        }
        File out = a.stdoutTo() == null ? tmp.resolve("stdout").toFile() : new File(expand(a.stdoutTo(), dir, tmp));
        File err = tmp.resolve("stderr").toFile();
        pb.redirectOutput(ProcessBuilder.Redirect.to(out))
                .redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        int timeout = a.timeoutSeconds() == null ? 60 : a.timeoutSeconds();
        if (!p.waitFor(timeout, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail(dir.getFileName() + ": still running after " + timeout + " s (a hang)");
        }
        String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
        List<String> lines = stderr.lines().toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        String context = dir.getFileName() + " (" + a.what() + "): stderr was:\n" + stderr;
        assertEquals(a.exit(), p.exitValue(), context);
        assertEquals(expand(a.stderr(), dir, tmp), first, context);
        if (a.stderrLines() != null) {
            assertEquals(a.stderrLines().intValue(), lines.size(), context);
        }
        if (a.stdout() != null) {
            assertEquals(expand(a.stdout(), dir, tmp), Files.readString(out.toPath(), StandardCharsets.UTF_8), context);
        }
    }

    /** Writes a generated file (its folders too), streaming: a 10 MB attack file is never committed. */
    static void generate(Path file, Generated g, Path dir, Path tmp) throws IOException {
        Files.createDirectories(file.getParent());
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(expand(g.head() == null ? "" : g.head(), dir, tmp).getBytes(StandardCharsets.UTF_8));
            byte[] unit = (g.repeat() == null ? "" : g.repeat()).getBytes(StandardCharsets.UTF_8);
            for (long i = 0; i < g.times(); i++) {
                out.write(unit);
            }
            out.write(expand(g.tail() == null ? "" : g.tail(), dir, tmp).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {root}, {example} (the worked example), {fixtures}, {case} (this case's folder), {tmp} (a fresh folder). */
    static String expand(String s, Path dir, Path tmp) {
        return s.replace("{root}", CliRun.ROOT.toString())
                .replace(
                        "{example}",
                        CliRun.ROOT.resolve("fixtures/worked-example").toString())
                .replace("{fixtures}", CliRun.ROOT.resolve("fixtures").toString())
                .replace("{case}", dir.toString())
                .replace("{tmp}", tmp.toString());
    }
}
