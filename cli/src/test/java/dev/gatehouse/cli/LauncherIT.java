package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./gatehouse} launcher as a user runs it, in a copy of the repository's layout: the launcher
 * script, the command built by this module ({@code target/gatehouse.jar} and {@code target/lib}, linked),
 * a build stamp older than {@code rules/}, and a {@code mvn} on the PATH that fails the test if called.
 * Runs after {@code package} (surefire execution {@code launcher}).
 */
class LauncherIT {
    private static final Path TARGET = CliRun.ROOT.resolve("cli/target");
    private static final Path EXAMPLE = CliRun.ROOT.resolve("fixtures/worked-example");

    @TempDir
    Path repo;

    private Path bin;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void copyTheLayout() throws IOException {
        assertTrue(
                Files.isRegularFile(TARGET.resolve("gatehouse.jar")),
                "run after package: no " + TARGET.resolve("gatehouse.jar"));
        Files.copy(CliRun.ROOT.resolve("gatehouse"), repo.resolve("gatehouse"));
        Path target = Files.createDirectories(repo.resolve("cli/target"));
        Files.createSymbolicLink(target.resolve("gatehouse.jar"), TARGET.resolve("gatehouse.jar"));
        Files.createSymbolicLink(target.resolve("lib"), TARGET.resolve("lib"));
        Path stamp = Files.writeString(target.resolve(".built"), "");
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now().minusSeconds(3600)));
        copy(CliRun.ROOT.resolve("rules"), repo.resolve("rules"));
        bin = Files.createDirectories(repo.resolve("fake-bin"));
        script(bin.resolve("mvn"), "#!/bin/sh\necho \"mvn $*\" >>\"" + repo.resolve("mvn-called") + "\"\nexit 1\n");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest);
                }
            }
        }
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run gatehouse(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("./gatehouse"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile());
        pb.environment().remove("GATEHOUSE_JAVA_OPTS");
        pb.environment().remove("GATEHOUSE_JAVA");
        pb.environment().remove("GATEHOUSE_AOT");
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("GATEHOUSE_CDS", "off");
        pb.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(repo, "out", ".txt");
        Path err = Files.createTempFile(repo, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gatehouse " + String.join(" ", args) + " did not end");
        Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        assertFalse(Files.exists(repo.resolve("mvn-called")), "a rule edit started a Maven build");
        return run;
    }

    private Run gatehouse(String... args) throws Exception {
        return gatehouse(Map.of(), args);
    }

    private String[] evaluate(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "evaluate",
                "--evidence",
                EXAMPLE.resolve("evidence.json").toString(),
                "--readback",
                EXAMPLE.resolve("readback.json").toString(),
                "--exceptions",
                EXAMPLE.resolve("exceptions").toString(),
                "--at",
                "2026-11-28T12:00:00Z"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private void breakARule() throws IOException {
        Files.writeString(
                repo.resolve("rules/ci.drl"),
                "\nrule \"CI-001 broken\"\n    @control(\"CI-001\")\n"
                        + "    @description(\"broken\")\nwhen\n    $c : Enforcement(control == \"CI-001\")\n    $x : NoSuchFact()\n"
                        + "then\nend\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    @Test
    void whenARuleInRulesDoesNotCompileThenCheckAndTestReportItAtItsLineWithoutABuild() throws Exception {
        int lines = Files.readAllLines(repo.resolve("rules/ci.drl")).size();
        breakARule();
        // The rule is at lines + 2 .. lines + 9: the error points at it, with a column.
        java.util.function.Predicate<String> atTheRule = l -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^rules/ci\\.drl:(\\d+):(\\d+): ")
                    .matcher(l);
            return m.find()
                    && Integer.parseInt(m.group(1)) >= lines + 2
                    && Integer.parseInt(m.group(1)) <= lines + 9
                    && Integer.parseInt(m.group(2)) > 0;
        };

        Run check = gatehouse("check");
        assertEquals(2, check.exit(), check.err());
        assertTrue(
                check.err()
                        .lines()
                        .anyMatch(l -> atTheRule.test(l) && l.contains(": unknown-fact-type: no fact type NoSuchFact")),
                check.err());
        assertTrue(
                check.err().lines().reduce((a, b) -> b).orElse("").matches("gatehouse: rules: \\d+ findings?"),
                check.err());

        Run test =
                gatehouse("test", "--fixtures", CliRun.ROOT.resolve("fixtures").toString());
        assertEquals(2, test.exit(), test.err());
        assertTrue(test.err().lines().anyMatch(atTheRule), test.err());

        Run evaluate = gatehouse(evaluate());
        assertEquals(2, evaluate.exit(), evaluate.err());
        assertTrue(evaluate.err().contains("gatehouse: the rulebase does not compile"), evaluate.err());
    }

    @Test
    void whenRulesIsBrokenThenAnotherRulesFolderStillWorks() throws Exception {
        breakARule();
        Run evaluate =
                gatehouse(evaluate("--rules", CliRun.ROOT.resolve("rules").toString()));
        assertEquals(0, evaluate.exit(), evaluate.err());
        assertEquals("", evaluate.err());
    }

    @Test
    void whenARuleIsEditedThenTheNextCommandUsesTheEdit() throws Exception {
        Path security = repo.resolve("rules/security.drl");
        Files.writeString(
                security,
                Files.readString(security).replace("\" has a fix available\"", "\" has a fix available (edited)\""));
        Run evaluate = gatehouse(evaluate());
        assertEquals(0, evaluate.exit(), evaluate.err());
        assertTrue(evaluate.out().contains("has a fix available (edited)"), evaluate.out());
    }

    @Test
    void whenTheJvmCrashesThenItsReportIsUnderCliTargetNotTheRepositoryRoot() throws Exception {
        // A real JVM crash: out of memory with CrashOnOutOfMemoryError writes hs_err_pid<N>.log and aborts.
        Run crash = gatehouse(
                Map.of("GATEHOUSE_JAVA_OPTS", "-Xmx6m -XX:+CrashOnOutOfMemoryError -XX:-CreateCoredumpOnCrash"),
                "test",
                "--fixtures",
                CliRun.ROOT.resolve("fixtures").toString());
        assertNotEquals(0, crash.exit());
        try (Stream<Path> root = Files.list(repo);
                Stream<Path> target = Files.list(repo.resolve("cli/target"))) {
            assertEquals(
                    List.of(),
                    root.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("hs_err"))
                            .toList());
            assertEquals(
                    1,
                    target.map(p -> p.getFileName().toString())
                            .filter(n -> n.matches("hs_err_pid\\d+\\.log"))
                            .count(),
                    crash.out());
        }
    }

    @Test
    void whenTheArchiveDumpCrashesThenTheCommandRunsWithoutItAndRetriesOnlyLater() throws Exception {
        copy(EXAMPLE, repo.resolve("fixtures/worked-example"));
        Path calls = repo.resolve("java-calls");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A java that crashes whenever it is asked to dump an archive, after writing part of one.
        script(
                bin.resolve("java"),
                "#!/bin/bash\nfor a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*)\n"
                        + "  echo dump >>\"" + calls + "\"; printf 'partial' >\"${a#*=}\"; kill -ABRT $$;; esac; done\n"
                        + "echo \"run $*\" >>\"" + calls + "\"\nexec \"" + java + "\" \"$@\"\n");
        // The class-data archive on `java`: no AOT cache, even where a JDK 24+ is installed.
        Map<String, String> cds = Map.of("GATEHOUSE_CDS", "on", "GATEHOUSE_AOT", "off");

        Run first = gatehouse(cds, evaluate());
        assertEquals(0, first.exit(), first.err());
        assertEquals("", first.err());
        assertTrue(first.out().contains("\"eligible\": true"), first.out());
        Path target = repo.resolve("cli/target");
        assertFalse(Files.exists(target.resolve("gatehouse.jsa")), "a partial archive was kept");
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(
                    List.of(),
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".tmp"))
                            .toList());
        }
        assertTrue(Files.readString(target.resolve("gatehouse.jsa.failed")).contains("exited 134"));
        List<String> lines = Files.readAllLines(calls);
        assertEquals("dump", lines.get(0));
        assertFalse(lines.get(1).contains("SharedArchiveFile"), lines.get(1));

        Run second = gatehouse(cds, evaluate());
        assertEquals(0, second.exit(), second.err());
        assertEquals(
                2,
                Files.readAllLines(calls).stream()
                        .filter(l -> l.startsWith("run "))
                        .count());
        assertEquals(
                1,
                Files.readAllLines(calls).stream().filter(l -> l.equals("dump")).count(),
                "retried at once");

        Files.setLastModifiedTime(
                target.resolve("gatehouse.jsa.failed"),
                FileTime.from(Instant.now().minusSeconds(7200)));
        Run later = gatehouse(cds, evaluate());
        assertEquals(0, later.exit(), later.err());
        assertEquals(
                2,
                Files.readAllLines(calls).stream().filter(l -> l.equals("dump")).count(),
                "not retried an hour later");
    }

    /** The JDK the launcher looks for when neither GATEHOUSE_JAVA nor JAVA_HOME is set: the newest 24+ under /usr/lib/jvm. */
    private static Path newestJdk24() throws IOException {
        Path best = null;
        int bestMajor = 0;
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path home : homes.sorted().toList()) {
                int major = major(home.resolve("release"));
                if (Files.isExecutable(home.resolve("bin/java")) && major >= 24 && major > bestMajor) {
                    best = home;
                    bestMajor = major;
                }
            }
        }
        return best;
    }

    private static int major(Path release) throws IOException {
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        for (String line : Files.readAllLines(release)) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("^JAVA_VERSION=\"(\\d+)").matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }

    private List<String> filesIn(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix))
                    .toList();
        }
    }

    @Test
    void withoutGatehouseAotTheCommandRunsOnJavaWithTheArchiveEvenWhereAJdk24IsInstalled() throws Exception {
        copy(EXAMPLE, repo.resolve("fixtures/worked-example"));
        Path target = repo.resolve("cli/target");
        Run run = gatehouse(Map.of("GATEHOUSE_CDS", "on"), evaluate());
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("\"eligible\": true"), run.out());
        assertFalse(Files.exists(target.resolve("gatehouse.aot")), "an AOT cache though GATEHOUSE_AOT is not on");
        assertTrue(Files.size(target.resolve("gatehouse.jsa")) > 0);
    }

    @Test
    void whereAJdk24OrLaterIsInstalledThenEvaluateRunsOnItsAotCacheElseOnTheArchive() throws Exception {
        copy(EXAMPLE, repo.resolve("fixtures/worked-example"));
        Path target = repo.resolve("cli/target");
        Path jdk = newestJdk24();
        String report = gatehouse(evaluate()).out();
        Map<String, String> cds = Map.of("GATEHOUSE_CDS", "on", "GATEHOUSE_AOT", "on");

        Run first = gatehouse(cds, evaluate());
        assertEquals(0, first.exit(), first.err());
        assertEquals("", first.err());
        assertEquals(report, first.out());
        assertEquals(List.of(), filesIn(target, ".tmp"));
        assertEquals(List.of(), filesIn(target, ".conf"));
        assertEquals(List.of(), filesIn(target, ".failed"));
        if (jdk == null) {
            // No JDK 24+ on this machine: the class-data archive on `java`, as before.
            assertFalse(Files.exists(target.resolve("gatehouse.aot")), "an AOT cache without a JDK 24+");
            assertTrue(Files.size(target.resolve("gatehouse.jsa")) > 0);
            return;
        }
        assertTrue(Files.size(target.resolve("gatehouse.aot")) > 0);
        assertEquals(
                jdk.resolve("bin/java").toString(),
                Files.readString(target.resolve("gatehouse.aot.jdk")).split(" ")[0]);
        assertFalse(Files.exists(target.resolve("gatehouse.jsa")), "the archive was dumped beside the cache");
        FileTime made = Files.getLastModifiedTime(target.resolve("gatehouse.aot"));

        // The cache is used, not made again; what the command prints is the same.
        Run second = gatehouse(cds, evaluate());
        assertEquals(0, second.exit(), second.err());
        assertEquals("", second.err());
        assertEquals(report, second.out());
        assertEquals(made, Files.getLastModifiedTime(target.resolve("gatehouse.aot")));

        // A cache the JVM cannot read (here: cut short) is never a word on stdout or stderr.
        byte[] cache = Files.readAllBytes(target.resolve("gatehouse.aot"));
        Files.write(target.resolve("gatehouse.aot"), java.util.Arrays.copyOf(cache, 100_000));
        Run cut = gatehouse(cds, evaluate());
        assertEquals(0, cut.exit(), cut.err());
        assertEquals("", cut.err());
        assertEquals(report, cut.out());

        // A cache made by another JDK is made again.
        Files.writeString(target.resolve("gatehouse.aot.jdk"), "/another/jdk/bin/java 24.0.1+9\n");
        Run other = gatehouse(cds, evaluate());
        assertEquals(0, other.exit(), other.err());
        assertEquals(report, other.out());
        assertTrue(Files.size(target.resolve("gatehouse.aot")) > 1_000_000, "the cut cache was kept");
        assertTrue(Files.readString(target.resolve("gatehouse.aot.jdk")).startsWith(jdk.resolve("bin/java") + " "));
    }

    @Test
    void whenGatehouseJavaIsAJdk24ThenEveryRunUsesItWithTheCache() throws Exception {
        Path jdk = newestJdk24();
        copy(EXAMPLE, repo.resolve("fixtures/worked-example"));
        Path calls = repo.resolve("java-calls");
        // A JDK whose java logs its arguments and hands over to the real one (or, with no JDK 24+ here, to this JVM's).
        Path fake = Files.createDirectories(repo.resolve("jdk/bin"));
        String real = jdk == null
                ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                : jdk.resolve("bin/java").toString();
        script(fake.resolve("java"), "#!/bin/bash\necho \"$*\" >>\"" + calls + "\"\nexec \"" + real + "\" \"$@\"\n");
        if (jdk != null) {
            Files.copy(jdk.resolve("release"), repo.resolve("jdk/release"));
        }
        Map<String, String> env = Map.of(
                "GATEHOUSE_CDS",
                "on",
                "GATEHOUSE_AOT",
                "on",
                "GATEHOUSE_JAVA",
                fake.resolve("java").toString());

        Run first = gatehouse(env, evaluate());
        assertEquals(0, first.exit(), first.err());
        assertEquals("", first.err());
        assertTrue(first.out().contains("\"eligible\": true"), first.out());
        Run second = gatehouse(env, evaluate());
        assertEquals(0, second.exit(), second.err());
        List<String> lines = Files.readAllLines(calls);
        String last = lines.get(lines.size() - 1);
        if (jdk == null) {
            // A GATEHOUSE_JAVA below 24 (no release file here): the class-data archive, never a cache.
            assertTrue(last.contains("-XX:SharedArchiveFile="), last);
            assertFalse(lines.stream().anyMatch(l -> l.contains("AOT")), String.join("\n", lines));
            return;
        }
        assertEquals(
                List.of("record", "create", "on"),
                lines.stream()
                        .filter(l -> l.contains("-XX:AOTMode="))
                        .map(l -> l.replaceAll(".*-XX:AOTMode=(\\w+).*", "$1"))
                        .toList());
        assertTrue(last.contains("-XX:AOTCache=" + repo.resolve("cli/target/gatehouse.aot")), last);
        assertFalse(last.contains("-Xshare") || last.contains("SharedArchiveFile"), last);
    }

    /** A JDK 25 (by its release file) whose java fails at the given step of making the AOT cache. */
    private Map<String, String> failingJdk(String step, Path calls) throws IOException {
        Path home = Files.createDirectories(repo.resolve("jdk25/bin"));
        Files.writeString(
                home.resolveSibling("release"), "JAVA_VERSION=\"25.0.3\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\n");
        script(
                home.resolve("java"),
                "#!/bin/bash\nfor a in \"$@\"; do case \"$a\" in\n"
                        + "  -XX:AOTMode=*) echo \"aot ${a#*=}\" >>\"" + calls + "\";;\n"
                        + "  -XX:AOTConfiguration=*) conf=\"${a#*=}\";;\n  -XX:AOTCache=*) cache=\"${a#*=}\";;\n"
                        + "esac; done\n"
                        + "if [ -z \"$cache\" ] || [ -n \"$conf\" ]; then printf 'partial' >\"$conf\"; fi\n"
                        + "if [ -n \"$cache\" ] && [ -n \"$conf\" ]; then printf 'partial' >\"$cache\"; fi\n"
                        + "case \"$*\" in *AOTMode=" + step + "*) kill -ABRT $$;; esac\nexit 0\n");
        // `java` on the PATH: this JVM's, logged.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        script(bin.resolve("java"), "#!/bin/bash\necho \"run $*\" >>\"" + calls + "\"\nexec \"" + java + "\" \"$@\"\n");
        return Map.of(
                "GATEHOUSE_CDS",
                "on",
                "GATEHOUSE_AOT",
                "on",
                "JAVA_HOME",
                home.getParent().toString());
    }

    @Test
    void whenMakingTheAotCacheFailsThenTheCommandRunsOnJavaWithTheArchiveAndRetriesOnlyLater() throws Exception {
        copy(EXAMPLE, repo.resolve("fixtures/worked-example"));
        Path target = repo.resolve("cli/target");
        for (String step : List.of("record", "create", "on")) {
            Path calls = repo.resolve("calls-" + step);
            Map<String, String> env = failingJdk(step, calls);

            Run first = gatehouse(env, evaluate());
            assertEquals(0, first.exit(), step + ": " + first.err());
            assertEquals("", first.err(), step);
            assertTrue(first.out().contains("\"eligible\": true"), step + ": " + first.out());
            assertFalse(Files.exists(target.resolve("gatehouse.aot")), step + ": a failed cache was kept");
            assertFalse(Files.exists(target.resolve("gatehouse.aot.jdk")), step);
            assertEquals(List.of(), filesIn(target, ".tmp"), step);
            assertEquals(List.of(), filesIn(target, ".conf"), step);
            assertTrue(Files.readString(target.resolve("gatehouse.aot.failed")).contains("exited "), step);
            List<String> lines = Files.readAllLines(calls);
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("run ") && last.contains("-XX:SharedArchiveFile="), step + ": " + last);
            assertFalse(last.contains("AOT"), step + ": " + last);
            long tries = lines.stream().filter(l -> l.equals("aot record")).count();
            assertEquals(1, tries, step);

            Run second = gatehouse(env, evaluate());
            assertEquals(0, second.exit(), second.err());
            assertEquals(
                    1,
                    Files.readAllLines(calls).stream()
                            .filter(l -> l.equals("aot record"))
                            .count(),
                    "retried at once");

            Files.setLastModifiedTime(
                    target.resolve("gatehouse.aot.failed"),
                    FileTime.from(Instant.now().minusSeconds(7200)));
            Run later = gatehouse(env, evaluate());
            assertEquals(0, later.exit(), later.err());
            assertEquals(
                    2,
                    Files.readAllLines(calls).stream()
                            .filter(l -> l.equals("aot record"))
                            .count(),
                    "not retried an hour later");
            Files.delete(target.resolve("gatehouse.aot.failed"));
        }
    }
}
