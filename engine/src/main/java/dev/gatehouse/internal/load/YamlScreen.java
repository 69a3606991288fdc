package dev.gatehouse.internal.load;

import static dev.gatehouse.model.DiagnosticCode.INPUT_TOO_LARGE;
import static dev.gatehouse.model.DiagnosticCode.UNSUPPORTED_YAML;

import dev.gatehouse.model.Diagnostic;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Screens a YAML document with SnakeYAML's own event parser (what a YAML reader sees) before
 * Jackson builds the tree: input documents are plain data, so an anchor, an alias, an explicit tag
 * ({@code !foo}, {@code !!binary}, {@code !!str} alike) or a second document is an error at its line
 * and column. Jackson would read an alias as its name ({@code *r} as "r") and a tag as nothing.
 * Syntax errors are left to the Jackson parse that follows, so they read the same as before.
 */
final class YamlScreen {
    /** At most this many problems are reported per file; the rest are counted in one more line. */
    static final int MAX_REPORTED = 10;

    private YamlScreen() {}

    static List<Diagnostic> screen(byte[] bytes, String label, LoaderOptions options) {
        List<Diagnostic> out = new ArrayList<>();
        int more = 0;
        int documents = 0;
        Parser parser = new ParserImpl(
                new StreamReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)),
                options);
        try {
            while (parser.peekEvent() != null) {
                Event e = parser.getEvent();
                String problem = null;
                if (e instanceof DocumentStartEvent && ++documents == 2) {
                    problem = "a second YAML document (---): an input file holds exactly one document";
                } else if (e instanceof AliasEvent a) {
                    problem = "alias *" + a.getAnchor() + ": anchors and aliases are not allowed in input documents;"
                            + " write the value out in full";
                } else if (e instanceof NodeEvent n && n.getAnchor() != null) {
                    problem = "anchor &" + n.getAnchor() + ": anchors and aliases are not allowed in input documents;"
                            + " write the value out in full";
                }
                if (problem == null) {
                    String tag = e instanceof ScalarEvent s
                            ? s.getTag()
                            : e instanceof CollectionStartEvent c ? c.getTag() : null;
                    if (tag != null) {
                        problem = "tag " + shorthand(tag) + ": explicit YAML tags are not allowed in input documents;"
                                + " write plain values (quote a string that looks like a number, true/false or null)";
                    }
                }
                if (problem != null) {
                    if (out.size() < MAX_REPORTED) {
                        Mark m = e.getStartMark();
                        out.add(Diagnostic.inputAt(
                                UNSUPPORTED_YAML,
                                label,
                                m == null ? 0 : m.getLine() + 1,
                                m == null ? 0 : m.getColumn() + 1,
                                problem));
                    } else {
                        more++;
                    }
                }
            }
        } catch (MarkedYAMLException e) {
            // A syntax error: the Jackson parse reports it, with the same words as before; report what came first.
        } catch (YAMLException e) {
            if (isCodePointLimit(e.getMessage())) {
                out.add(Diagnostic.inputAt(INPUT_TOO_LARGE, label, 0, 0, DocumentReader.firstLine(e.getMessage())));
            }
            // anything else is also a syntax error, reported by the Jackson parse
        }
        if (more > 0) {
            Diagnostic last = out.get(out.size() - 1);
            out.add(Diagnostic.inputAt(
                    UNSUPPORTED_YAML,
                    label,
                    last.line(),
                    last.column() + 1,
                    more + " more anchors, aliases, tags or documents after this one are not listed"));
        }
        return out;
    }

    /** {@code tag:yaml.org,2002:binary} as it was most likely written: {@code !!binary}. */
    static String shorthand(String tag) {
        String core = "tag:yaml.org,2002:";
        return tag.startsWith(core) ? "!!" + tag.substring(core.length()) : tag;
    }

    static boolean isCodePointLimit(String message) {
        return message != null && message.contains("exceeds the limit") && message.contains("code points");
    }
}
