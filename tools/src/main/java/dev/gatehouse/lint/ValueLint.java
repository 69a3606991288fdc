package dev.gatehouse.lint;

import static dev.gatehouse.model.DiagnosticCode.UNKNOWN_VALUE;

import dev.gatehouse.facts.OneOf;
import dev.gatehouse.internal.rulebase.DrlText;
import dev.gatehouse.internal.rulebase.FactModel;
import dev.gatehouse.internal.rulebase.RuleSource;
import dev.gatehouse.internal.text.Suggest;
import dev.gatehouse.model.Diagnostic;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * {@code unknown-value}: a string literal compared with, or given to, a fact field whose values the
 * contract fixes ({@link OneOf}: the wire values of a model enum) and that is none of them. Such a
 * constraint never holds, so the rule silently never fires; such a conclusion is outside the contract.
 * The engine knows the fields from the fact model, not from any control.
 */
final class ValueLint {
    private static final String LITERAL = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern FIELD_FIRST = Pattern.compile("(?<![\\w$.])(\\w+)\\s*(?:==|!=)\\s*" + LITERAL);
    private static final Pattern LITERAL_FIRST = Pattern.compile(LITERAL + "\\s*(?:==|!=)\\s*(\\w+)(?![\\w$.(])");
    private static final Pattern IN = Pattern.compile("(?<![\\w$.])(\\w+)\\s+(?:not\\s+)?in\\s*\\(([^)]*)\\)");
    private static final Pattern STRING = Pattern.compile(LITERAL);
    private static final Pattern NEW = Pattern.compile("\\bnew\\s+((?:\\w+\\s*\\.\\s*)*\\w+)\\s*\\(");

    private ValueLint() {}

    /** The findings of one parsed DRL file, in source order. */
    static List<Diagnostic> scan(RuleSource source, PackageDescr pkg) {
        List<Diagnostic> out = new ArrayList<>();
        String text = source.text();
        for (RuleDescr r : pkg.getRules()) {
            if (r.getLhs() != null) {
                patterns(r.getLhs(), source, text, out);
            }
        }
        constructors(source, out);
        return out;
    }

    private static void patterns(BaseDescr d, RuleSource source, String text, List<Diagnostic> out) {
        if (d instanceof PatternDescr p) {
            Optional<Class<?>> type = p.getObjectType() == null ? Optional.empty() : FactModel.type(p.getObjectType());
            if (type.isPresent() && type.get().isRecord() && p.getConstraint() != null) {
                for (BaseDescr c : p.getConstraint().getDescrs()) {
                    constraint(type.get(), c, source, text, out);
                }
            }
            if (p.getSource() != null) {
                patterns(p.getSource(), source, text, out);
            }
        } else if (d instanceof AccumulateDescr a) {
            if (a.getInput() != null) {
                patterns(a.getInput(), source, text, out);
            }
        } else if (d instanceof ConditionalElementDescr ce) {
            for (BaseDescr child : ce.getDescrs()) {
                patterns(child, source, text, out);
            }
        }
    }

    /** Every literal a constraint compares with a {@link OneOf} field of {@code type}, checked. */
    private static void constraint(Class<?> type, BaseDescr c, RuleSource source, String text, List<Diagnostic> out) {
        String expr = c.getText();
        if (expr == null || c.getLine() <= 0) {
            return;
        }
        int from = offset(text, c.getLine(), c.getColumn());
        Map<Integer, String[]> found = new LinkedHashMap<>(); // offset in expr -> {field, literal}
        Matcher m = FIELD_FIRST.matcher(expr);
        while (m.find()) {
            found.put(m.start(2), new String[] {m.group(1), m.group(2)});
        }
        m = LITERAL_FIRST.matcher(expr);
        while (m.find()) {
            found.put(m.start(1), new String[] {m.group(2), m.group(1)});
        }
        m = IN.matcher(expr);
        while (m.find()) {
            Matcher s = STRING.matcher(m.group(2));
            while (s.find()) {
                found.put(m.start(2) + s.start(1), new String[] {m.group(1), s.group(1)});
            }
        }
        found.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Set<String> values = values(type, e.getValue()[0]);
            String literal = e.getValue()[1];
            if (values != null && !values.contains(literal)) {
                // The literal in the file: searched from the constraint's start, so the position is the source's.
                int at = text.indexOf("\"" + literal + "\"", from);
                int[] pos = DrlText.position(text, at >= 0 ? at : from);
                out.add(finding(source, pos, type, e.getValue()[0], literal, values, " is never "));
            }
        });
    }

    /** {@code new Fact(..., "literal", ...)} where the argument's component is a {@link OneOf} field. */
    private static void constructors(RuleSource source, List<Diagnostic> out) {
        String text = source.text();
        String code = DrlText.mask(text, false);
        String bare = DrlText.mask(text, true);
        Matcher m = NEW.matcher(bare);
        while (m.find()) {
            Optional<Class<?>> type = FactModel.type(m.group(1).replaceAll("\\s+", ""));
            if (type.isEmpty() || !type.get().isRecord()) {
                continue;
            }
            RecordComponent[] components = type.get().getRecordComponents();
            List<int[]> args = arguments(bare, m.end());
            if (args.size() != components.length) {
                continue; // another constructor: its parameters are not the components
            }
            for (int i = 0; i < components.length; i++) {
                String arg = code.substring(args.get(i)[0], args.get(i)[1]).strip();
                Set<String> values = values(type.get(), components[i].getName());
                Matcher lit = Pattern.compile(LITERAL).matcher(arg);
                if (values != null && lit.matches() && !values.contains(lit.group(1))) {
                    int at = code.indexOf('"', args.get(i)[0]);
                    out.add(finding(
                            source,
                            DrlText.position(code, at),
                            type.get(),
                            components[i].getName(),
                            lit.group(1),
                            values,
                            " cannot be "));
                }
            }
        }
    }

    /** The [start, end) offsets of the top-level arguments of a call whose '(' ends just before {@code open}. */
    private static List<int[]> arguments(String bare, int open) {
        List<int[]> out = new ArrayList<>();
        int depth = 0;
        int start = open;
        for (int i = open; i < bare.length(); i++) {
            char ch = bare.charAt(i);
            if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if ((ch == ')' || ch == ']' || ch == '}') && depth > 0) {
                depth--;
            } else if (ch == ')') {
                if (i > start || !out.isEmpty()) {
                    out.add(new int[] {start, i});
                }
                return out;
            } else if (ch == ',' && depth == 0) {
                out.add(new int[] {start, i});
                start = i + 1;
            }
        }
        return List.of();
    }

    private static Diagnostic finding(
            RuleSource source,
            int[] pos,
            Class<?> type,
            String field,
            String literal,
            Set<String> values,
            String verb) {
        List<String> near = Suggest.nearest(literal, values);
        String suggestion = near.isEmpty()
                ? ""
                : " (did you mean "
                        + String.join(
                                " or ", near.stream().map(v -> "\"" + v + "\"").toList()) + "?)";
        return Diagnostic.rule(
                UNKNOWN_VALUE,
                source.label(),
                pos[0],
                pos[1],
                type.getSimpleName() + "." + field + verb + "\"" + literal + "\"" + suggestion + ": its values are "
                        + String.join(", ", values));
    }

    /** The values of a {@link OneOf} field, in the contract's order, or null for a field without fixed values. */
    static Set<String> values(Class<?> type, String field) {
        if (!type.isRecord()) {
            return null;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            OneOf oneOf = c.getAnnotation(OneOf.class);
            if (c.getName().equals(field) && oneOf != null) {
                Set<String> values = new java.util.LinkedHashSet<>();
                for (Enum<?> e : oneOf.value().getEnumConstants()) {
                    values.add(wire(e));
                }
                return values;
            }
        }
        return null;
    }

    private static String wire(Enum<?> e) {
        try {
            return String.valueOf(e.getDeclaringClass().getMethod("wire").invoke(e));
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException x) {
            return e.toString();
        }
    }

    private static int offset(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return Math.max(0, offset) + Math.max(0, column);
    }
}
