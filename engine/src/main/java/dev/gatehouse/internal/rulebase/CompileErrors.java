package dev.gatehouse.internal.rulebase;

import static dev.gatehouse.model.DiagnosticCode.RULE_COMPILE_ERROR;
import static dev.gatehouse.model.DiagnosticCode.UNCLOSED_RULE;
import static dev.gatehouse.model.DiagnosticCode.UNKNOWN_FACT_FIELD;
import static dev.gatehouse.model.DiagnosticCode.UNKNOWN_FACT_TYPE;

import dev.gatehouse.internal.text.Suggest;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.DiagnosticCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says the common Drools compile failures in Gatehouse's words: a field or type of the fact model that is
 * misspelt (with "did you mean" over the real names, read by reflection), a rule without {@code end}; and
 * points an error in a consequence at the line of the offending call instead of the rule's header. Drools'
 * own text is kept as the diagnostic's note ({@code drools: ...}).
 */
final class CompileErrors {
    private static final Pattern STRICT_FIELD =
            Pattern.compile("unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)");
    private static final Pattern UNDEFINED_METHOD =
            Pattern.compile("The method (\\w+)\\(([^)]*)\\) is undefined for the type (\\w+)");
    private static final Pattern OBJECT_TYPE = Pattern.compile("Unable to resolve ObjectType '([\\w.$]+)'");
    private static final Pattern METHOD = Pattern.compile("The method (\\w+)\\([^)]*\\) (?:in the type (\\w+) )?");
    private static final Pattern CONSTRUCTOR = Pattern.compile("The constructor (\\w+)\\(");
    private static final Pattern UNRESOLVED = Pattern.compile("(\\w+) cannot be resolved");
    private static final Pattern DECLARE = Pattern.compile("(?m)^\\s*declare\\s+(\\w+)");
    private static final Pattern HEADER = Pattern.compile("(?m)^[ \\t]*(rule|query|function|declare)\\b");
    private static final Pattern RULE_HEADER = Pattern.compile("(?m)^[ \\t]*(rule)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern END = Pattern.compile("(?m)^[ \\t]*end\\s*$");

    private CompileErrors() {}

    /** The diagnostics of one failed compile, translated where a pattern is known; the rest as they were. */
    static List<Diagnostic> translate(List<Diagnostic> raw, List<RuleSource> drls) {
        List<Diagnostic> out = new ArrayList<>();
        List<Unclosed> unclosed = unclosed(raw, drls);
        for (Diagnostic d : raw) {
            Unclosed u = unclosed.stream().filter(x -> x.covers(d)).findFirst().orElse(null);
            if (u != null) {
                if (u.note == null) {
                    u.note = d.message();
                }
                continue;
            }
            out.add(translate(d, drls));
        }
        hideFollowOns(out, drls);
        for (Unclosed u : unclosed) {
            if (u.note != null) {
                out.add(Diagnostic.rule(
                                UNCLOSED_RULE,
                                u.drl.label(),
                                u.line,
                                u.column,
                                "rule \"" + u.name + "\" is not closed: write end after its consequence, before "
                                        + u.next)
                        .withNote(drools(u.note)));
            }
        }
        return out;
    }

    /**
     * A misspelt fact type or field leaves its pattern's bindings unknown, so Drools reports every use of them
     * too, without a line or inside the same rule: those follow-on errors are dropped, the cause is reported.
     */
    private static void hideFollowOns(List<Diagnostic> out, List<RuleSource> drls) {
        List<int[]> causes = new ArrayList<>(); // {drl index, first line, last line} of rules with a translated cause
        List<Diagnostic> translated = out.stream()
                .filter(d -> d.is(UNKNOWN_FACT_TYPE) || d.is(UNKNOWN_FACT_FIELD))
                .toList();
        for (Diagnostic t : translated) {
            for (int i = 0; i < drls.size(); i++) {
                if (drls.get(i).label().equals(t.file()) && t.line() > 0) {
                    causes.add(ruleAround(i, drls.get(i), t.line()));
                }
            }
        }
        out.removeIf(d -> d.is(RULE_COMPILE_ERROR)
                && causes.stream()
                        .anyMatch(c -> drls.get(c[0]).label().equals(d.file())
                                && (d.line() <= 0 || (d.line() >= c[1] && d.line() <= c[2]))));
    }

    /** {drl index, first line, last line} of the rule around a line (the lines from its header to its end). */
    private static int[] ruleAround(int index, RuleSource drl, int line) {
        String code = DrlText.mask(drl.text(), false);
        int first = line;
        int last = line;
        Matcher rule = RULE_HEADER.matcher(code);
        while (rule.find()) {
            int at = DrlText.position(code, rule.start(1))[0];
            if (at > line) {
                break;
            }
            first = at;
            Matcher end = END.matcher(code);
            last = end.find(rule.end()) ? DrlText.position(code, end.start())[0] : Integer.MAX_VALUE;
        }
        return new int[] {index, first, last};
    }

    private static Diagnostic translate(Diagnostic d, List<RuleSource> drls) {
        String text = d.message();
        Matcher m = STRICT_FIELD.matcher(text);
        if (m.find() && m.group(1).startsWith(FactModel.PACKAGE + ".")) {
            Optional<Class<?>> type = FactModel.type(m.group(1));
            if (type.isPresent()) {
                String name = m.group(2);
                int column = columnOf(drls, d, name);
                return Diagnostic.rule(
                                UNKNOWN_FACT_FIELD,
                                d.file(),
                                d.line(),
                                column > 0 ? column : d.column(),
                                noField(type.get(), name, FactModel.fields(type.get())))
                        .withNote(drools(text));
            }
        }
        m = UNDEFINED_METHOD.matcher(text);
        if (m.find() && FactModel.type(m.group(3)).isPresent()) {
            Class<?> type = FactModel.type(m.group(3)).get();
            String name = m.group(1);
            int[] at = inRule(drls, d, Pattern.compile("\\.\\s*(" + Pattern.quote(name) + ")\\s*\\("));
            SortedSet<String> known = new TreeSet<>(FactModel.fields(type));
            known.addAll(FactModel.methods(type));
            String message = m.group(2).isBlank()
                    ? noField(type, name, known)
                    : type.getSimpleName() + " has no method " + name + "(" + m.group(2) + ")"
                            + Suggest.didYouMean(name, known);
            return at(d, at, UNKNOWN_FACT_FIELD, message).withNote(drools(text));
        }
        m = OBJECT_TYPE.matcher(text);
        if (m.find()) {
            String name = m.group(1);
            SortedSet<String> known = new TreeSet<>(FactModel.types());
            for (RuleSource drl : drls) {
                Matcher declared = DECLARE.matcher(DrlText.mask(drl.text(), true));
                while (declared.find()) {
                    known.add(declared.group(1));
                }
            }
            String suggestion = Suggest.didYouMean(name, known);
            return Diagnostic.rule(
                            UNKNOWN_FACT_TYPE,
                            d.file(),
                            d.line(),
                            d.column(),
                            "no fact type " + name
                                    + suggestion
                                    + (suggestion.isEmpty()
                                            ? ": the facts are the types of " + FactModel.PACKAGE
                                                    + " (docs/authoring.md) and the types the rulebase declares"
                                            : ""))
                    .withNote(drools(text));
        }
        if (text.startsWith("Rule Compilation error")) {
            return at(d, consequenceCall(drls, d, text), d.diagnosticCode(), text);
        }
        return d;
    }

    private static String noField(Class<?> type, String name, SortedSet<String> known) {
        String suggestion = Suggest.didYouMean(name, known);
        return type.getSimpleName() + " has no field " + name
                + (suggestion.isEmpty() ? ": its fields are " + String.join(", ", FactModel.fields(type)) : suggestion);
    }

    private static String drools(String text) {
        return "drools: " + text;
    }

    private static Diagnostic at(Diagnostic d, int[] at, DiagnosticCode code, String message) {
        return at == null
                ? new Diagnostic(code, d.severity(), message, d.file(), d.line(), d.column(), d.pointer())
                : Diagnostic.rule(code, d.file(), at[0], at[1], message);
    }

    /**
     * Where in the consequence of the rule at {@code d}'s line the call a Java compile error names is: the
     * method ({@code Type.name(} first, then {@code .name(} or {@code name(}), the constructor
     * ({@code new Type(}) or the unresolved name. Null when the message names none or the rule lacks it.
     */
    private static int[] consequenceCall(List<RuleSource> drls, Diagnostic d, String text) {
        List<Pattern> tries = new ArrayList<>();
        Matcher m = METHOD.matcher(text);
        if (m.find()) {
            String name = Pattern.quote(m.group(1));
            if (m.group(2) != null) {
                tries.add(Pattern.compile("\\b" + Pattern.quote(m.group(2)) + "\\s*\\.\\s*(" + name + ")\\s*\\("));
            }
            tries.add(Pattern.compile("(?<![\\w$])(" + name + ")\\s*\\("));
        }
        m = CONSTRUCTOR.matcher(text);
        if (m.find()) {
            tries.add(Pattern.compile("\\bnew\\s+(" + Pattern.quote(m.group(1)) + ")\\s*\\("));
        }
        m = UNRESOLVED.matcher(text);
        if (m.find()) {
            tries.add(Pattern.compile("(?<![\\w.])(" + Pattern.quote(m.group(1)) + ")\\b"));
        }
        for (Pattern p : tries) {
            int[] at = inRule(drls, d, p);
            if (at != null) {
                return at;
            }
        }
        return null;
    }

    /**
     * The line and column of group 1 of {@code p}'s first match in the consequence (after {@code then}) of the
     * rule declared at {@code d}'s line, else in the whole rule; comments and strings do not count.
     */
    private static int[] inRule(List<RuleSource> drls, Diagnostic d, Pattern p) {
        RuleSource drl = drls.stream()
                .filter(x -> x.label().equals(d.file()))
                .findFirst()
                .orElse(null);
        if (drl == null || d.line() <= 0) {
            return null;
        }
        String code = DrlText.mask(drl.text(), true);
        int start = offsetOfLine(code, d.line());
        Matcher header = HEADER.matcher(code);
        int stop = header.find(Math.min(code.length(), start + 1)) ? header.start() : code.length();
        Matcher end = END.matcher(code).region(start, stop);
        if (end.find()) {
            stop = end.end();
        }
        Matcher then = Pattern.compile("\\bthen\\b").matcher(code).region(start, stop);
        for (int from : then.find() ? new int[] {then.end(), start} : new int[] {start}) {
            Matcher m = p.matcher(code).region(from, stop);
            if (m.find()) {
                return DrlText.position(code, m.start(1));
            }
        }
        return null;
    }

    /** The column of {@code name} as a whole word on {@code d}'s line (at or after its column), or 0. */
    private static int columnOf(List<RuleSource> drls, Diagnostic d, String name) {
        RuleSource drl = drls.stream()
                .filter(x -> x.label().equals(d.file()))
                .findFirst()
                .orElse(null);
        if (drl == null || d.line() <= 0) {
            return 0;
        }
        String[] lines = DrlText.mask(drl.text(), true).split("\n", -1);
        if (d.line() > lines.length) {
            return 0;
        }
        Matcher m =
                Pattern.compile("(?<![\\w$.])" + Pattern.quote(name) + "\\b").matcher(lines[d.line() - 1]);
        return m.find() ? m.start() + 1 : 0;
    }

    private static int offsetOfLine(String text, int line) {
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return Math.max(0, offset);
    }

    /** A rule whose next declaration (or the end of the file) comes before its {@code end}. */
    private static final class Unclosed {
        final RuleSource drl;
        final String name;
        final int line;
        final int column;
        final String next;
        String note;

        Unclosed(RuleSource drl, String name, int line, int column, String next) {
            this.drl = drl;
            this.name = name;
            this.line = line;
            this.column = column;
            this.next = next;
        }

        /** A syntax error in this file at or after the rule's header: a consequence of the missing end. */
        boolean covers(Diagnostic d) {
            return d.file().equals(drl.label())
                    && (d.line() >= line || d.line() <= 0)
                    && (d.message().startsWith("[ERR ") || d.message().startsWith("Parser returned a null Package"));
        }
    }

    /** The unclosed rules of the files where Drools found a syntax error. */
    private static List<Unclosed> unclosed(List<Diagnostic> raw, List<RuleSource> drls) {
        List<Unclosed> out = new ArrayList<>();
        for (RuleSource drl : drls) {
            if (raw.stream()
                    .noneMatch(d -> d.file().equals(drl.label()) && d.message().startsWith("[ERR "))) {
                continue;
            }
            String code = DrlText.mask(drl.text(), false);
            Matcher rule = RULE_HEADER.matcher(code);
            while (rule.find()) {
                Matcher header = HEADER.matcher(code);
                int stop = header.find(rule.end()) ? header.start() : code.length();
                if (END.matcher(code).region(rule.end(), stop).find()) {
                    continue;
                }
                int[] pos = DrlText.position(code, rule.start(1));
                int[] nextPos = DrlText.position(code, stop);
                String next = stop < code.length()
                        ? "the " + header.group(1) + " at line " + nextPos[0]
                        : "the end of the file";
                out.add(new Unclosed(drl, rule.group(2), pos[0], pos[1], next));
            }
        }
        return out;
    }
}
