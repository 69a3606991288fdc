package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The outputs shown in the docs are real: every fenced block right after a {@code <!-- gatehouse-output: ARGS -->}
 * line in README.md or docs/*.md must be exactly what {@code gatehouse ARGS} prints (stdout, then stderr, then
 * {@code (exit N)}), run in-process from the repository root (paths in ARGS are relative to it; single quotes group
 * as in a shell). {@code -Dgatehouse.rewriteGoldens=true} rewrites the blocks instead (review the diff).
 */
class DocOutputsTest {
    static final Pattern BLOCK = Pattern.compile(
            "^<!-- gatehouse-output: ([^\n]+?) -->\n(```[a-z]*\n)(.*?)^```\n", Pattern.DOTALL | Pattern.MULTILINE);

    @TestFactory
    Stream<DynamicTest> everyMarkedBlockIsWhatTheCommandPrints() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(CliRun.ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(CliRun.ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        int marked = 0;
        for (Path doc : docs) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Matcher m = BLOCK.matcher(text);
            StringBuilder rewritten = new StringBuilder();
            List<String[]> blocks = new ArrayList<>();
            while (m.find()) {
                marked++;
                String actual = output(m.group(1));
                blocks.add(new String[] {m.group(1), m.group(3), actual});
                m.appendReplacement(rewritten, Matcher.quoteReplacement(
                        "<!-- gatehouse-output: " + m.group(1) + " -->\n" + m.group(2) + actual + "```\n"));
            }
            m.appendTail(rewritten);
            if (Boolean.getBoolean("gatehouse.rewriteGoldens") && !blocks.isEmpty()) {
                Files.writeString(doc, rewritten.toString(), StandardCharsets.UTF_8);
                continue;
            }
            String name = CliRun.ROOT.relativize(doc).toString();
            for (String[] b : blocks) {
                tests.add(DynamicTest.dynamicTest(name + ": gatehouse " + b[0], () -> assertEquals(b[1], b[2],
                        name + " shows stale output for gatehouse " + b[0] + " (rewrite with -Dgatehouse.rewriteGoldens=true)")));
            }
        }
        assertTrue(marked >= 4, "expected the marked output blocks of docs/whatif.md, found " + marked);
        return tests.stream();
    }

    /** Runs the command in-process from the repository root; paths in the output are shown relative to it. */
    static String output(String commandLine) {
        List<String> args = new ArrayList<>();
        for (String a : split(commandLine)) {
            args.add(!a.startsWith("-") && Files.exists(CliRun.ROOT.resolve(a)) ? CliRun.ROOT.resolve(a).toString() : a);
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        return (r.out() + r.err()).replace(CliRun.ROOT + "/", "") + "(exit " + r.exit() + ")\n";
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
