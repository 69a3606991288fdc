package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Report and log destinations: an input is never overwritten, a missing folder is named, a failed write is 3. */
class OutputsTest {
    static final Path EXAMPLE = CliRun.ROOT.resolve("fixtures/worked-example");

    @TempDir
    Path tmp;

    Path in;

    /** A copy of the worked example, so a regression overwrites a copy, not the fixture. */
    @BeforeEach
    void copyTheExample() throws IOException {
        in = tmp.resolve("in");
        Files.createDirectories(in.resolve("exceptions"));
        Files.copy(EXAMPLE.resolve("evidence.json"), in.resolve("evidence.json"));
        Files.copy(EXAMPLE.resolve("readback.json"), in.resolve("readback.json"));
        try (Stream<Path> xs = Files.list(EXAMPLE.resolve("exceptions"))) {
            for (Path x : xs.toList()) {
                Files.copy(x, in.resolve("exceptions").resolve(x.getFileName()));
            }
        }
    }

    List<String> evaluate(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "evaluate",
                "--evidence",
                in.resolve("evidence.json").toString(),
                "--readback",
                in.resolve("readback.json").toString(),
                "--exceptions",
                in.resolve("exceptions").toString(),
                "--at",
                "2026-11-28T12:00:00Z"));
        args.addAll(List.of(more));
        return args;
    }

    /** A case: how to make the destination, the arguments, the exit and the exact stderr. */
    record Case(String name, Function<OutputsTest, List<String>> args, int exit, Function<OutputsTest, String> err) {}

    String exceptionFile() throws IOException {
        try (Stream<Path> xs = Files.list(in.resolve("exceptions"))) {
            return xs.sorted().findFirst().orElseThrow().toString();
        }
    }

    Path link(String name, Path target, boolean hard) {
        try {
            Path l = tmp.resolve(name);
            return hard ? Files.createLink(l, target) : Files.createSymbolicLink(l, target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> destinations() {
        List<Case> table = List.of(
                new Case(
                        "--output is the evidence file",
                        t -> t.evaluate(
                                "--output", t.in.resolve("evidence.json").toString()),
                        2,
                        t -> "gatehouse: --output " + t.in.resolve("evidence.json") + " is the evidence file "
                                + t.in.resolve("evidence.json") + ": refusing to overwrite an input"),
                new Case(
                        "--output is the evidence file by another name",
                        t -> t.evaluate(
                                "--output",
                                t.in.resolve("exceptions/../evidence.json").toString()),
                        2,
                        t -> "gatehouse: --output " + t.in.resolve("exceptions/../evidence.json")
                                + " is the evidence file " + t.in.resolve("evidence.json")
                                + ": refusing to overwrite an input"),
                new Case(
                        "--output is a symlink to the readback",
                        t -> t.evaluate(
                                "--output",
                                t.link("r.json", t.in.resolve("readback.json"), false)
                                        .toString()),
                        2,
                        t -> "gatehouse: --output " + t.tmp.resolve("r.json") + " is the readback file "
                                + t.in.resolve("readback.json") + ": refusing to overwrite an input"),
                new Case(
                        "--output is a hard link to an exception file",
                        t -> {
                            try {
                                return t.evaluate(
                                        "--output",
                                        t.link("x.yaml", Path.of(t.exceptionFile()), true)
                                                .toString());
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        },
                        2,
                        t -> {
                            try {
                                return "gatehouse: --output " + t.tmp.resolve("x.yaml") + " is an exception file "
                                        + t.exceptionFile() + ": refusing to overwrite an input";
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }),
                new Case(
                        "--output in a folder that does not exist",
                        t -> t.evaluate(
                                "--output",
                                t.tmp.resolve("nowhere/decision.json").toString()),
                        2,
                        t -> "gatehouse: cannot write --output " + t.tmp.resolve("nowhere/decision.json")
                                + ": the folder " + t.tmp.resolve("nowhere") + " does not exist"),
                new Case(
                        "--output is a folder",
                        t -> t.evaluate("--output", t.tmp.toString()),
                        2,
                        t -> "gatehouse: cannot write --output " + t.tmp + ": it is a folder"),
                new Case(
                        "--output under a file",
                        t -> t.evaluate(
                                "--output", t.in.resolve("evidence.json/d.json").toString()),
                        2,
                        t -> "gatehouse: cannot write --output " + t.in.resolve("evidence.json/d.json")
                                + ": the folder " + t.in.resolve("evidence.json") + " is not a folder"),
                new Case(
                        "--output is /dev/full",
                        t -> t.evaluate("--output", "/dev/full"),
                        3,
                        t ->
                                "gatehouse: the report could not be written to --output /dev/full: No space left on device"),
                new Case(
                        "--log is the readback file",
                        t -> t.evaluate("--log", t.in.resolve("readback.json").toString()),
                        2,
                        t -> "gatehouse: --log " + t.in.resolve("readback.json") + " is the readback file "
                                + t.in.resolve("readback.json") + ": refusing to overwrite an input"),
                new Case(
                        "--log is the --output file",
                        t -> {
                            try {
                                Files.writeString(t.tmp.resolve("d.json"), "old");
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            return t.evaluate(
                                    "--output",
                                    t.tmp.resolve("d.json").toString(),
                                    "--log",
                                    t.tmp.resolve("d.json").toString());
                        },
                        2,
                        t -> "gatehouse: --log " + t.tmp.resolve("d.json") + " is the --output file "
                                + t.tmp.resolve("d.json") + ": refusing to overwrite an input"),
                new Case(
                        "--log in a folder that does not exist",
                        t -> t.evaluate("--log", t.tmp.resolve("no/d.jsonl").toString()),
                        2,
                        t -> "gatehouse: cannot write --log " + t.tmp.resolve("no/d.jsonl") + ": the folder "
                                + t.tmp.resolve("no") + " does not exist"),
                new Case(
                        "--junit is a golden case file",
                        t -> List.of(
                                "test",
                                "--fixtures",
                                CliRun.ROOT.resolve("fixtures").toString(),
                                "--junit",
                                CliRun.ROOT
                                        .resolve("fixtures/worked-example/case.yaml")
                                        .toString()),
                        2,
                        t -> "gatehouse: --junit " + CliRun.ROOT.resolve("fixtures/worked-example/case.yaml")
                                + " is a golden case file " + CliRun.ROOT.resolve("fixtures/worked-example/case.yaml")
                                + ": refusing to overwrite an input"),
                new Case(
                        "--junit is /dev/full",
                        t -> List.of(
                                "test",
                                "--fixtures",
                                CliRun.ROOT.resolve("fixtures").toString(),
                                "--run",
                                "worked-example",
                                "--junit",
                                "/dev/full"),
                        3,
                        t ->
                                "gatehouse: the report could not be written to --junit /dev/full: No space left on device"));
        return table.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    byte[] evidence = Files.readAllBytes(in.resolve("evidence.json"));
                    byte[] readback = Files.readAllBytes(in.resolve("readback.json"));
                    CliRun r = CliRun.of(c.args().apply(this).toArray(String[]::new));
                    assertEquals(c.exit(), r.exit(), r.err());
                    assertEquals(
                            c.err().apply(this),
                            r.err().lines().reduce((a, b) -> b).orElse(""));
                    assertEquals(
                            c.exit() == 2 ? 1 : r.err().lines().count(),
                            r.err().lines().count(),
                            r.err());
                    assertEquals(new String(evidence), Files.readString(in.resolve("evidence.json")));
                    assertEquals(new String(readback), Files.readString(in.resolve("readback.json")));
                }));
    }

    @Test
    void whenTheReportFailsThenNoDecisionIsLogged() throws IOException {
        Path log = tmp.resolve("decisions.jsonl");
        CliRun missingFolder =
                CliRun.of(evaluate("--output", tmp.resolve("no/d.json").toString(), "--log", log.toString())
                        .toArray(String[]::new));
        assertEquals(2, missingFolder.exit());
        assertFalse(Files.exists(log));

        CliRun full = CliRun.of(
                evaluate("--output", "/dev/full", "--log", log.toString()).toArray(String[]::new));
        assertEquals(3, full.exit());
        assertFalse(Files.exists(log));

        StringWriter err = new StringWriter();
        int exit = Main.run(
                evaluate("--log", log.toString()).toArray(String[]::new),
                new Main.ReportOut(new ExitCodeTest.FullDisk()),
                new PrintWriter(err, true),
                false);
        assertEquals(3, exit);
        assertEquals(
                "gatehouse: the report could not be written to standard output: No space left on device\n",
                err.toString());
        assertFalse(Files.exists(log));

        CliRun ok = CliRun.of(evaluate("--output", tmp.resolve("d.json").toString(), "--log", log.toString())
                .toArray(String[]::new));
        assertEquals(0, ok.exit(), ok.err());
        assertEquals(1, Files.readAllLines(log).size());
    }
}
