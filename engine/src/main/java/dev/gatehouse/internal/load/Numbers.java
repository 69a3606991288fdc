package dev.gatehouse.internal.load;

import static dev.gatehouse.model.DiagnosticCode.BAD_VALUE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.model.Diagnostic;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every number of an input must be a finite value a long or a double holds: JSON's {@code 1e400}
 * parses to Infinity, YAML's {@code .inf} and {@code .nan} to Infinity and NaN, and
 * {@code 99999999999999999999} to a BigInteger. None of them means anything in the contract, and
 * an infinite value cannot be written back as JSON (the decision log would not verify), so each is a
 * {@code bad-value} at its pointer. Ranges of the contract's own fields (an int, a ring 0..4) are
 * the schema's and binding's job.
 */
public final class Numbers {

    private Numbers() {}

    /** The numbers of the document that are not finite or do not fit a long or a double. */
    public static List<Diagnostic> check(Document doc) {
        List<Diagnostic> out = new ArrayList<>();
        walk(doc.tree(), "", doc.file(), out);
        return out;
    }

    private static void walk(JsonNode node, String pointer, String file, List<Diagnostic> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                walk(f.getValue(), pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), file, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, file, out);
            }
        } else if (node.isNumber()) {
            String problem = problem(node);
            if (problem != null) {
                out.add(Diagnostic.input(BAD_VALUE, file, pointer, problem));
            }
        }
    }

    private static String problem(JsonNode n) {
        if (n.isDouble() || n.isFloat()) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) {
                return "is not a number (NaN): every number must be finite";
            }
            if (Double.isInfinite(d)) {
                return "is too large (it reads as infinity): every number must be finite";
            }
            return null;
        }
        if (n.isBigDecimal()) {
            BigDecimal d = n.decimalValue();
            return Double.isInfinite(d.doubleValue())
                    ? "is too large (it reads as infinity): every number must be finite"
                    : null;
        }
        if (n.isBigInteger() && !n.canConvertToLong()) {
            return "is out of range: a whole number must be between -9223372036854775808 and 9223372036854775807";
        }
        return null;
    }
}
