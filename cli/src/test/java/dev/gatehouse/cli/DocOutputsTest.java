package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The outputs shown in the docs are real. Two markers, in README.md or docs/*.md:
 *
 * <ul>
 *   <li>{@code <!-- gatehouse-output: ARGS -->}: the fenced block right after it must be exactly what
 *       {@code gatehouse ARGS} prints (stdout, then stderr, then {@code (exit N)}), run in-process from the
 *       repository root (paths in ARGS are relative to it; single quotes group as in a shell).
 *   <li>{@code <!-- gatehouse-script -->}: the fenced block right after it is a transcript. Its lines starting with
 *       {@code $ } are commands (a line ending in {@code " \"} continues on the next); everything else is what they
 *       print (a blank line after each {@code (exit N)} that another command follows). The commands run in order in a fresh empty folder standing in for the repository root: a path
 *       resolves to that folder when it is there or follows {@code --log}, {@code --output}, {@code --evidence-out},
 *       {@code --readback-out} or {@code --junit} (unless, for assemble's {@code --junit}, it is a file of the repository),
 *       else to the repository root when it is there. Commands: {@code ./gatehouse ARGS} (prints as above),
 *       {@code cat FILE}, {@code sed -i 'Ns/OLD/NEW/' FILE} (replaces the first OLD, taken literally, on line
 *       N), {@code mkdir DIR} and {@code cp -r SRC DEST} (the last three print nothing). The folder's and the repository's absolute paths are removed from the output.
 * </ul>
 *
 * {@code -Dgatehouse.rewriteGoldens=true} rewrites the blocks instead (review the diff), and first refreshes
 * docs/examples/candidate-rules (rules/ with SEC-002 hard in production) from rules/.
 */
class DocOutputsTest {
    static final Pattern BLOCK = Pattern.compile(
            "^<!-- gatehouse-output: ([^\n]+?) -->\n(```[a-z]*\n)(.*?)^```\n", Pattern.DOTALL | Pattern.MULTILINE);
    static final Pattern SCRIPT =
            Pattern.compile("^<!-- gatehouse-script -->\n(```[a-z]*\n)(.*?)^```\n", Pattern.DOTALL | Pattern.MULTILINE);
    static final Pattern SED = Pattern.compile("([0-9]+)s/([^/]+)/([^/]*)/");
    /** Options whose value is a file the command writes: it goes to the script's folder. */
    static final Set<String> WRITES = Set.of("--log", "--output", "--junit", "--evidence-out", "--readback-out");

    static final boolean REWRITE = Boolean.getBoolean("gatehouse.rewriteGoldens");

    static final Path CANDIDATE = CliRun.ROOT.resolve("docs/examples/candidate-rules");

    @TestFactory
    Stream<DynamicTest> everyMarkedBlockIsWhatTheCommandPrints() throws IOException {
        if (REWRITE) {
            refreshCandidateRules();
        }
        List<Path> docs = new ArrayList<>(List.of(CliRun.ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(CliRun.ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        int marked = 0;
        int scripts = 0;
        for (Path doc : docs) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            List<String[]> blocks = new ArrayList<>();
            Matcher m = BLOCK.matcher(text);
            StringBuilder rewritten = new StringBuilder();
            while (m.find()) {
                marked++;
                String actual = output(m.group(1));
                blocks.add(new String[] {"gatehouse " + m.group(1), m.group(3), actual});
                m.appendReplacement(
                        rewritten,
                        Matcher.quoteReplacement(
                                "<!-- gatehouse-output: " + m.group(1) + " -->\n" + m.group(2) + actual + "```\n"));
            }
            m.appendTail(rewritten);
            m = SCRIPT.matcher(rewritten.toString());
            rewritten = new StringBuilder();
            while (m.find()) {
                scripts++;
                List<List<String>> commands = commands(m.group(2));
                String actual = transcript(commands);
                blocks.add(new String[] {
                    "script "
                            + String.join(
                                    " ; ",
                                    commands.stream()
                                            .map(c -> c.get(0).substring(2).replace(" \\", ""))
                                            .toList()),
                    m.group(2),
                    actual
                });
                m.appendReplacement(
                        rewritten,
                        Matcher.quoteReplacement("<!-- gatehouse-script -->\n" + m.group(1) + actual + "```\n"));
            }
            m.appendTail(rewritten);
            if (REWRITE && !blocks.isEmpty()) {
                Files.writeString(doc, rewritten.toString(), StandardCharsets.UTF_8);
                continue;
            }
            String name = CliRun.ROOT.relativize(doc).toString();
            for (String[] b : blocks) {
                tests.add(DynamicTest.dynamicTest(
                        name + ": " + b[0],
                        () -> assertEquals(
                                b[1],
                                b[2],
                                name + " shows stale output for " + b[0]
                                        + " (rewrite with -Dgatehouse.rewriteGoldens=true)")));
            }
        }
        assertTrue(
                marked >= 5,
                "expected the marked output blocks of docs/whatif.md and docs/reports.md, found " + marked);
        assertTrue(scripts >= 3, "expected the script blocks of docs/whatif.md, found " + scripts);
        return tests.stream();
    }

    /** Runs the command in-process from the repository root; paths in the output are shown relative to it. */
    static String output(String commandLine) {
        return gatehouse(split(commandLine), null);
    }

    /** The commands of a transcript: each is its display lines (a first {@code $ } line and its continuations). */
    static List<List<String>> commands(String block) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = null;
        for (String line : block.split("\n", -1)) {
            if (current != null && current.get(current.size() - 1).endsWith(" \\")) {
                current.add(line);
            } else if (line.startsWith("$ ")) {
                current = new ArrayList<>(List.of(line));
                out.add(current);
            } else {
                current = null;
            }
        }
        assertTrue(!out.isEmpty(), "a gatehouse-script block has no command (a line starting with \"$ \"):\n" + block);
        return out;
    }

    /** Runs the commands in a fresh folder and returns the transcript: each command's lines, then what it printed. */
    static String transcript(List<List<String>> commands) throws IOException {
        Path dir = Files.createTempDirectory("gatehouse-doc-");
        try {
            StringBuilder out = new StringBuilder();
            for (List<String> display : commands) {
                out.append(out.length() == 0 || !out.toString().endsWith(")\n") ? "" : "\n");
                display.forEach(l -> out.append(l).append('\n'));
                StringBuilder line = new StringBuilder();
                for (String l : display) {
                    line.append(l.endsWith(" \\") ? l.substring(0, l.length() - 2) : l)
                            .append(' ');
                }
                List<String> words = split(line.substring(2));
                String command = words.get(0);
                List<String> args = words.subList(1, words.size());
                switch (command) {
                    case "./gatehouse", "gatehouse" -> out.append(gatehouse(args, dir));
                    case "cat" -> {
                        assertEquals(1, args.size(), "cat takes one file: " + line);
                        String content = Files.readString(path(args.get(0), "", dir), StandardCharsets.UTF_8);
                        out.append(content).append(content.endsWith("\n") || content.isEmpty() ? "" : "\n");
                    }
                    case "sed" -> sed(args, dir, line.toString());
                    case "mkdir" -> {
                        assertEquals(1, args.size(), "mkdir takes one folder: " + line);
                        Files.createDirectory(dir.resolve(args.get(0)));
                    }
                    case "cp" -> copy(args, dir, line.toString());
                    default ->
                        throw new AssertionError("a gatehouse-script command must be ./gatehouse, cat, sed -i, mkdir"
                                + " or cp -r, not: " + line);
                }
            }
            return out.toString();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** {@code sed -i 'Ns/OLD/NEW/' FILE}: replaces the first OLD (literal text) on line N; fails when it is not there. */
    private static void sed(List<String> args, Path dir, String line) throws IOException {
        Matcher m = args.size() == 3 && args.get(0).equals("-i") ? SED.matcher(args.get(1)) : null;
        if (m == null
                || !m.matches()
                || m.group(2).matches(".*[\\\\\\[\\]*^$&].*")
                || m.group(3).contains("&")) {
            throw new AssertionError("only sed -i 'Ns/OLD/NEW/' FILE is supported (OLD and NEW literal): " + line);
        }
        Path file = path(args.get(2), "", dir);
        List<String> lines = new ArrayList<>(
                List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)));
        int n = Integer.parseInt(m.group(1));
        assertTrue(
                n >= 1 && n < lines.size() && lines.get(n - 1).contains(m.group(2)),
                "sed: line " + n + " of " + args.get(2) + " does not contain " + m.group(2) + ": " + line);
        lines.set(n - 1, replaceFirst(lines.get(n - 1), m.group(2), m.group(3)));
        Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
    }

    /** {@code cp -r SRC DEST}: copies the folder SRC to DEST in the script's folder (into it when it is a folder). */
    private static void copy(List<String> args, Path dir, String line) throws IOException {
        if (args.size() != 3 || !args.get(0).equals("-r")) {
            throw new AssertionError("only cp -r SRC DEST is supported: " + line);
        }
        Path source = path(args.get(1), "", dir);
        Path target = dir.resolve(args.get(2));
        if (Files.isDirectory(target)) {
            target = target.resolve(source.getFileName().toString());
        }
        Path to = target;
        assertTrue(
                Files.isDirectory(source) && !Files.exists(to),
                "cp -r: " + args.get(1) + " is not a folder or " + args.get(2) + " is taken: " + line);
        try (Stream<Path> s = Files.walk(source)) {
            for (Path p : s.sorted().toList()) {
                Files.copy(p, to.resolve(source.relativize(p).toString()));
            }
        }
    }

    private static String replaceFirst(String s, String old, String replacement) {
        int i = s.indexOf(old);
        return s.substring(0, i) + replacement + s.substring(i + old.length());
    }

    /** Runs gatehouse in-process; {@code dir} (or null) is the script's folder. Absolute paths are removed. */
    static String gatehouse(List<String> words, Path dir) {
        List<String> args = new ArrayList<>();
        String previous = "";
        for (String a : words) {
            // The first word is the command (assemble is also a folder of the repository: not a path).
            int eq = a.indexOf('=');
            if (!a.startsWith("-")
                    && !args.isEmpty()
                    && eq > 0
                    && !Files.exists(CliRun.ROOT.resolve(a))
                    && Files.exists(CliRun.ROOT.resolve(a.substring(eq + 1)))) {
                // KIND=FILE (assemble's --vsa): the file part is a path
                args.add(a.substring(0, eq + 1) + CliRun.ROOT.resolve(a.substring(eq + 1)));
            } else {
                args.add(
                        a.startsWith("-") || args.isEmpty()
                                ? a
                                : path(a, previous, dir).toString());
            }
            previous = a;
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        String out = r.out() + r.err();
        if (dir != null) {
            out = out.replace(dir + "/", "").replace(dir.toString(), ".");
        }
        return out.replace(CliRun.ROOT + "/", "") + "(exit " + r.exit() + ")\n";
    }

    /** Where a path argument points: the script's folder, else the repository root, else it is left as given. */
    static Path path(String arg, String previous, Path dir) {
        // assemble's --junit reads a report: one that exists in the repository is that file, not an output.
        boolean writes =
                WRITES.contains(previous) && !("--junit".equals(previous) && Files.exists(CliRun.ROOT.resolve(arg)));
        if (dir != null && (Files.exists(dir.resolve(arg)) || writes)) {
            return dir.resolve(arg);
        }
        return Files.exists(CliRun.ROOT.resolve(arg)) ? CliRun.ROOT.resolve(arg) : Path.of(arg);
    }

    /** docs/examples/candidate-rules is rules/ with one cell changed; a copy goes stale when rules/ changes. */
    @Test
    void theCandidateRulebaseIsTheRulesFolderWithSec002HardInProduction() throws IOException {
        if (REWRITE) {
            refreshCandidateRules();
        }
        assertEquals(
                expectedCandidateRules(),
                files(CANDIDATE),
                "docs/examples/candidate-rules is stale: it must be rules/"
                        + " with SEC-002 hard in production (the last cell of its enforcement.csv row) and nothing else changed;"
                        + " refresh it with mvn -B -ntp -o test -pl cli -am -Dtest=DocOutputsTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dgatehouse.rewriteGoldens=true");
    }

    /** rules/ with SEC-002's production cell of enforcement.csv set to hard. */
    static Map<String, String> expectedCandidateRules() throws IOException {
        Map<String, String> files = files(CliRun.ROOT.resolve("rules"));
        String table = files.get("enforcement.csv");
        assertTrue(table != null, "rules/ has no enforcement.csv");
        List<String> lines = new ArrayList<>(List.of(table.split("\n", -1)));
        int production = -1;
        int changed = 0;
        for (int i = 0; i < lines.size(); i++) {
            List<String> cells = List.of(lines.get(i).split(",", -1));
            if (cells.get(0).equals("control")) {
                production = cells.indexOf("production");
            } else if (cells.get(0).equals("SEC-002")) {
                assertTrue(
                        production > 0 && production < cells.size(),
                        "enforcement.csv has no production column before SEC-002");
                assertTrue(
                        !cells.get(production).equals("hard"),
                        "SEC-002 is already hard in production in rules/: the"
                                + " candidate rulebase of docs/whatif.md would change nothing; pick another mutation");
                List<String> mutated = new ArrayList<>(cells);
                mutated.set(production, "hard");
                lines.set(i, String.join(",", mutated));
                changed++;
            }
        }
        assertEquals(1, changed, "rules/enforcement.csv must have exactly one SEC-002 row");
        files.put("enforcement.csv", String.join("\n", lines));
        return files;
    }

    static void refreshCandidateRules() throws IOException {
        Map<String, String> expected = expectedCandidateRules();
        Files.createDirectories(CANDIDATE);
        for (String stale : files(CANDIDATE).keySet()) {
            if (!expected.containsKey(stale)) {
                Files.delete(CANDIDATE.resolve(stale));
            }
        }
        for (Map.Entry<String, String> f : expected.entrySet()) {
            Path target = CANDIDATE.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** Every regular file under {@code dir}, by its path relative to it (with /), and its text. */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Splits like a shell: whitespace separates, single quotes group (and are removed). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }
}
