package dev.gatehouse.internal.rulebase;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Reads the rules of a DRL file with Drools' own parser. A file that does not parse yields no
 * rules: the compiler already reports why, at the same positions.
 */
public final class DrlReader {
    private static final Pattern GUARD = Pattern.compile("^\\s*control\\s*==\\s*\"([^\"]*)\"\\s*$");

    private DrlReader() {}

    /** The rules of one file, in source order. */
    public record Parsed(List<RuleDecl> rules, boolean ok, PackageDescr descr) {}

    public static Parsed read(RuleSource source) {
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, new StringReader(source.text()));
        } catch (DroolsParserException e) {
            return new Parsed(List.of(), false, null);
        }
        if (pkg == null || parser.hasErrors()) {
            return new Parsed(List.of(), false, null);
        }
        List<RuleDecl> out = new ArrayList<>();
        for (RuleDescr r : pkg.getRules()) {
            if (r.isQuery()) {
                continue;
            }
            AnnotationDescr control = r.getAnnotation("control");
            List<RuleDecl.Guard> guards = new ArrayList<>();
            if (r.getLhs() != null) {
                guards(r.getLhs(), guards);
            }
            int line = r.getLine();
            int column = r.getColumn() + 1;
            out.add(new RuleDecl(
                    source.label(),
                    pkg.getName(),
                    r.getName(),
                    line,
                    column,
                    value(control),
                    control == null || control.getLine() <= 0 ? line : control.getLine(),
                    control == null || control.getLine() <= 0 ? column : control.getColumn() + 1,
                    value(r.getAnnotation("family")),
                    value(r.getAnnotation("description")),
                    guards));
        }
        return new Parsed(out, true, pkg);
    }

    private static void guards(BaseDescr d, List<RuleDecl.Guard> out) {
        if (d instanceof PatternDescr p) {
            if (isEnforcement(p.getObjectType()) && p.getConstraint() != null) {
                for (BaseDescr c : p.getConstraint().getDescrs()) {
                    Matcher m = GUARD.matcher(c.getText() == null ? "" : c.getText());
                    if (m.matches()) {
                        out.add(new RuleDecl.Guard(
                                m.group(1),
                                c.getLine() > 0 ? c.getLine() : p.getLine(),
                                (c.getLine() > 0 ? c.getColumn() : p.getColumn()) + 1));
                    }
                }
            }
            if (p.getSource() != null) {
                guards(p.getSource(), out);
            }
        } else if (d instanceof ConditionalElementDescr ce) {
            for (BaseDescr child : ce.getDescrs()) {
                guards(child, out);
            }
        }
    }

    private static boolean isEnforcement(String type) {
        return type != null && (type.equals("Enforcement") || type.endsWith(".Enforcement"));
    }

    private static String value(AnnotationDescr a) {
        if (a == null) {
            return null;
        }
        Object v = a.getSingleValueStripped();
        return v == null ? null : v.toString();
    }
}
