package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Exit codes that never lie: every Throwable is 3 with one line, and a report that was not written is 3. */
class ExitCodeTest {
    static final Path ROOT = CliRun.ROOT;
    static final Path EXAMPLE = ROOT.resolve("fixtures/worked-example");
    static final String HINT = " (for the stack trace: --debug or GATEHOUSE_DEBUG=1)";

    record Failure(Throwable thrown, int exit, String line) {}

    @TestFactory
    Stream<DynamicTest> everyThrowableIsOneLineAndItsExitCode() {
        List<Failure> table = List.of(
                new Failure(
                        new OutOfMemoryError("Java heap space"),
                        3,
                        "gatehouse: internal error: out of memory "
                                + "(java.lang.OutOfMemoryError: Java heap space); no decision was made: give the JVM more heap (-Xmx) "
                                + "or a smaller input" + HINT),
                new Failure(
                        new StackOverflowError(),
                        3,
                        "gatehouse: internal error: stack overflow "
                                + "(java.lang.StackOverflowError); no decision was made: a rule or an input nests or recurses too "
                                + "deeply for the thread stack (-Xss)" + HINT),
                new Failure(
                        new AssertionError("invariant broken"),
                        3,
                        "gatehouse: internal error: java.lang.AssertionError: invariant broken; no decision was made"
                                + HINT),
                new Failure(
                        new NoClassDefFoundError("org/kie/Missing"),
                        3,
                        "gatehouse: internal error: java.lang.NoClassDefFoundError: org/kie/Missing; no decision was made"
                                + HINT),
                new Failure(
                        new IllegalStateException("first line\n\tsecond line"),
                        3,
                        "gatehouse: internal error: java.lang.IllegalStateException: first line; no decision was made"
                                + HINT),
                new Failure(
                        new NullPointerException(),
                        3,
                        "gatehouse: internal error: java.lang.NullPointerException; no decision was made" + HINT),
                // Wrapped by a library (the precompiled rulebase loads by reflection): the cause is named.
                new Failure(
                        new IllegalStateException(
                                "the precompiled default rulebase is unusable",
                                new java.lang.reflect.InvocationTargetException(
                                        new OutOfMemoryError("Java heap space"))),
                        3,
                        "gatehouse: internal error: out of memory (java.lang.OutOfMemoryError: Java heap space); no decision "
                                + "was made: give the JVM more heap (-Xmx) or a smaller input" + HINT),
                new Failure(new UsageException("the log x does not exist"), 2, "gatehouse: the log x does not exist"),
                new Failure(
                        new OutputFailure("the report could not be written to out.json: No space left on device"),
                        3,
                        "gatehouse: the report could not be written to out.json: No space left on device"));
        return table.stream()
                .map(f -> DynamicTest.dynamicTest(f.thrown().toString(), () -> {
                    StringWriter err = new StringWriter();
                    int exit = Main.report(f.thrown(), new PrintWriter(err, true), false);
                    assertEquals(f.exit(), exit);
                    assertEquals(f.line() + "\n", err.toString());
                }));
    }

    @Test
    void whenDebugIsAskedThenTheStackTraceFollowsTheLine() {
        StringWriter err = new StringWriter();
        assertEquals(3, Main.report(new IllegalStateException("boom"), new PrintWriter(err, true), true));
        List<String> lines = err.toString().lines().toList();
        assertEquals(
                "gatehouse: internal error: java.lang.IllegalStateException: boom; no decision was made", lines.get(0));
        assertEquals("java.lang.IllegalStateException: boom", lines.get(1));
        assertTrue(lines.get(2).startsWith("\tat dev.gatehouse.cli.ExitCodeTest."), lines.get(2));
    }

    static String[] example(String... more) {
        return CliTest.example(more);
    }

    /** A StackOverflowError comes out of picocli's execute() (it handles only Exceptions): still one line and 3. */
    @Test
    void whenARuleRecursesWithoutEndThenExitIs3WithOneLine() {
        String rules = ROOT.resolve("attacks/stack-overflow-in-a-rule/rules").toString();
        CliRun r = CliRun.of(example("--rules", rules));
        assertEquals(3, r.exit());
        assertEquals("", r.out());
        assertEquals(
                "gatehouse: internal error: stack overflow (java.lang.StackOverflowError); no decision was made: "
                        + "a rule or an input nests or recurses too deeply for the thread stack (-Xss)" + HINT + "\n",
                r.err());

        CliRun debug = CliRun.of(example("--rules", rules, "--debug"));
        assertEquals(3, debug.exit());
        List<String> lines = debug.err().lines().toList();
        assertEquals(
                "gatehouse: internal error: stack overflow (java.lang.StackOverflowError); no decision was made: "
                        + "a rule or an input nests or recurses too deeply for the thread stack (-Xss)",
                lines.get(0));
        // The trace is the evaluation's failure, caused by the overflow in the rule's worker thread.
        assertTrue(lines.get(1).endsWith("java.lang.StackOverflowError"), lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.equals("Caused by: java.lang.StackOverflowError")), debug.err());
        assertTrue(lines.size() > 10, debug.err());
    }

    /** An OutputStream that fails every write as a full disk does. */
    static final class FullDisk extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    record Report(String name, String[] args, int exit) {}

    /** Every command that prints a report exits 3 when stdout cannot take it, whatever it would have exited. */
    @TestFactory
    Stream<DynamicTest> whenStdoutIsFullThenEveryReportingCommandExits3() {
        Path w = ROOT.resolve("fixtures/worked-example");
        List<Report> table = List.of(
                new Report("evaluate eligible", example(), 3),
                new Report(
                        "evaluate not eligible",
                        new String[] {
                            "evaluate",
                            "--evidence",
                            w.resolve("evidence.json").toString(),
                            "--readback",
                            w.resolve("readback.json").toString(),
                            "--at",
                            "2026-12-20T12:00:00Z"
                        },
                        3),
                new Report(
                        "whatif",
                        new String[] {
                            "whatif",
                            "--evidence",
                            w.resolve("evidence.json").toString(),
                            "--readback",
                            w.resolve("readback.json").toString(),
                            "--at",
                            "2026-11-28T12:00:00Z"
                        },
                        3),
                new Report(
                        "replay",
                        new String[] {
                            "replay",
                            "--rules",
                            ROOT.resolve("rules").toString(),
                            "--corpus",
                            ROOT.resolve("fixtures").toString(),
                            "--threads",
                            "1"
                        },
                        3),
                new Report(
                        "test",
                        new String[] {
                            "test", "--fixtures", ROOT.resolve("fixtures").toString(), "--run", "worked-example"
                        },
                        3),
                new Report("schema", new String[] {"schema", "RiskException"}, 3),
                new Report("check", new String[] {"check"}, 3),
                new Report("version", new String[] {"--version"}, 3),
                // Bad input stays 2: no report was due, and the diagnostics on stderr are the answer.
                new Report("bad usage", new String[] {"evaluate", "--evidence", "x.json"}, 2));
        return table.stream()
                .map(t -> DynamicTest.dynamicTest(t.name(), () -> {
                    StringWriter err = new StringWriter();
                    int exit =
                            Main.run(t.args(), new Main.ReportOut(new FullDisk()), new PrintWriter(err, true), false);
                    assertEquals(t.exit(), exit, err.toString());
                    if (t.exit() == 3) {
                        assertEquals(
                                "gatehouse: the report could not be written to standard output: No space left on device\n",
                                err.toString().substring(err.toString().lastIndexOf("gatehouse: ")));
                    }
                }));
    }
}
