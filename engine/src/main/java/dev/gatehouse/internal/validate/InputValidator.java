package dev.gatehouse.internal.validate;

import static dev.gatehouse.model.DiagnosticCode.BAD_FORMAT;
import static dev.gatehouse.model.DiagnosticCode.BAD_IDENTITY;
import static dev.gatehouse.model.DiagnosticCode.BAD_VALUE;
import static dev.gatehouse.model.DiagnosticCode.DUPLICATE_ID;
import static dev.gatehouse.model.DiagnosticCode.MISSING_FIELD;
import static dev.gatehouse.model.DiagnosticCode.WRONG_KIND;
import static dev.gatehouse.model.DiagnosticCode.WRONG_TYPE;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gatehouse.internal.load.Document;
import dev.gatehouse.model.CanonicalIdentity;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.Formats;
import dev.gatehouse.model.Identities;
import dev.gatehouse.model.RiskException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Validates input documents in one pass: kind first, then the document is bound to its contract
 * type ({@link Binder}: the shape, every problem at once) and the bound value goes through Bean
 * Validation, the one authority on the rules about an input's values (the constraints on the
 * contract types in {@code dev.gatehouse.model}). The published JSON Schemas are generated from the
 * same types and constraints ({@link Schemas}); a test runs a JSON Schema validator and this one
 * over the same documents and holds them to the same verdicts. Immutable and thread-safe.
 */
public final class InputValidator {

    private final Binder binder;
    private final Validator validator;
    private final ValidatorFactory validatorFactory;

    public InputValidator() {
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        binder = new Binder(mapper);
        for (Class<?> type : Schemas.kinds().values()) {
            binder.shapeOf(type);
        }
        // Messages in one language whatever the machine's locale (a constraint without its own wording here).
        validatorFactory = Validation.byProvider(HibernateValidator.class)
                .configure()
                .defaultLocale(Locale.ROOT)
                .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ROOT), Locale.ROOT, false))
                .buildValidatorFactory();
        validator = validatorFactory.getValidator();
    }

    /** Validates a document as {@code kind} and binds it to {@code type}. */
    public <T> Checked<T> check(Document doc, String kind, Class<T> type) {
        List<Diagnostic> problems = new ArrayList<>();
        JsonNode tree = doc.tree();
        if (!tree.isObject()) {
            problems.add(Diagnostic.input(WRONG_TYPE, doc.file(), "", "must be a " + kind + " object"));
            return new Checked<>(null, problems);
        }
        JsonNode declared = tree.get("kind");
        if (declared != null && declared.isTextual() && !declared.asText().equals(kind)) {
            problems.add(Diagnostic.input(
                    WRONG_KIND,
                    doc.file(),
                    "/kind",
                    "must be " + kind + ", not " + declared.asText() + " (is this the right file?)"));
            return new Checked<>(null, problems);
        }
        Binder.Bound bound = binder.bind(tree, type, doc.file());
        problems.addAll(bound.problems());
        Set<String> found = new HashSet<>();
        for (Diagnostic d : violations(bound.value(), doc.file(), bound.nulls())) {
            if (!bound.reported(d.pointer())) {
                problems.add(d);
                found.add(d.pointer());
            }
        }
        bound.outOfRange().forEach((pointer, d) -> {
            if (!found.contains(pointer)) {
                problems.add(d);
            }
        });
        return problems.isEmpty()
                ? new Checked<>(type.cast(bound.value()), List.of())
                : new Checked<>(null, dedupe(problems));
    }

    /** Bean Validation of a value built in Java (or bound from a document), as diagnostics. */
    public List<Diagnostic> validate(Object value, String file) {
        return dedupe(violations(value, file, Map.of()));
    }

    /**
     * Bean Validation's findings as diagnostics. A constraint that fails on null ({@code @NotNull},
     * {@code @NotBlank}) says the field is required, or, where the document holds an explicit null
     * ({@code nulls}: pointer to the JSON type expected there), that null is the wrong type.
     */
    private List<Diagnostic> violations(Object value, String file, Map<String, Binder.Shape> nulls) {
        List<Diagnostic> out = new ArrayList<>();
        for (ConstraintViolation<Object> v : validator.validate(value)) {
            String pointer = pointerOf(v.getPropertyPath());
            Binder.Shape nullOf = nulls.get(pointer);
            if (v.getInvalidValue() == null && nullOf != null) {
                out.add(Diagnostic.input(
                        WRONG_TYPE,
                        file,
                        pointer,
                        "has the wrong type: null found, " + nullOf.jsonType() + " expected"));
                if (nullOf instanceof Binder.EnumShape e) {
                    out.add(Binder.notOneOf(e, NullNode.getInstance(), file, pointer));
                }
            } else {
                out.add(diagnostic(v, file, pointer));
            }
        }
        return out;
    }

    private static Diagnostic diagnostic(ConstraintViolation<Object> v, String file, String pointer) {
        java.lang.annotation.Annotation a = v.getConstraintDescriptor().getAnnotation();
        Object invalid = v.getInvalidValue();
        if (invalid == null) {
            return Diagnostic.input(MISSING_FIELD, file, pointer, "is required");
        }
        if (a instanceof CanonicalIdentity) {
            return Diagnostic.input(BAD_IDENTITY, file, pointer, Identities.problem((String) invalid));
        }
        if (a instanceof jakarta.validation.constraints.Pattern p) {
            String message = p.message().startsWith("{") ? Formats.messageFor(p.regexp()) : p.message();
            return Diagnostic.input(BAD_FORMAT, file, pointer, message);
        }
        if (a instanceof NotBlank) {
            return Diagnostic.input(BAD_FORMAT, file, pointer, Formats.NOT_BLANK_MESSAGE);
        }
        if (a instanceof Size s) {
            return Diagnostic.input(BAD_VALUE, file, pointer, sizeMessage(s, invalid));
        }
        if (a instanceof Min m) {
            return Diagnostic.input(BAD_VALUE, file, pointer, "must be at least " + m.value());
        }
        if (a instanceof Max m) {
            return Diagnostic.input(BAD_VALUE, file, pointer, "must be at most " + m.value());
        }
        if (a instanceof PositiveOrZero) {
            return Diagnostic.input(BAD_VALUE, file, pointer, "must be at least 0");
        }
        return Diagnostic.input(BAD_VALUE, file, pointer, v.getMessage());
    }

    /** The schema's words for {@code minItems}/{@code maxItems} and {@code minLength}/{@code maxLength}. */
    private static String sizeMessage(Size s, Object invalid) {
        if (invalid instanceof CharSequence text) {
            if (text.length() < s.min()) {
                return s.min() == 1 ? "must not be empty" : "must be at least " + s.min() + " characters long";
            }
            return "must be at most " + s.max() + " characters long";
        }
        int size =
                invalid instanceof java.util.Collection<?> c ? c.size() : invalid instanceof Map<?, ?> m ? m.size() : 0;
        return size < s.min()
                ? "must have at least " + s.min() + " item" + (s.min() == 1 ? "" : "s")
                : "must have at most " + s.max() + " item" + (s.max() == 1 ? "" : "s");
    }

    /** Exception ids must be unique across the exceptions given: each repeat is an error in its file. */
    public static List<Diagnostic> checkUniqueIds(List<Map.Entry<String, RiskException>> exceptionsByFile) {
        Map<String, String> firstFile = new LinkedHashMap<>();
        List<Diagnostic> out = new ArrayList<>();
        for (Map.Entry<String, RiskException> e : exceptionsByFile) {
            String id = e.getValue().id();
            String first = firstFile.putIfAbsent(id, e.getKey());
            if (first != null) {
                out.add(Diagnostic.input(
                        DUPLICATE_ID,
                        e.getKey(),
                        "/id",
                        "exception id " + id + " is already used by " + fileName(first)));
            }
        }
        return out;
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The closest valid field, never the unknown name itself, when it is close enough to be a typo. */
    static String suggestion(Set<String> validHere, String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : validHere) {
            if (known.equals(unknown)) {
                continue;
            }
            int d = distance(unknown.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best != null && bestDistance <= Math.max(1, unknown.length() / 4) ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static String plain(String message) {
        if (message == null) {
            return "is not a valid value";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static String pointerOf(Path path) {
        StringBuilder sb = new StringBuilder();
        Iterator<Path.Node> it = path.iterator();
        while (it.hasNext()) {
            Path.Node node = it.next();
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    sb.append('/').append(node.getIndex());
                } else if (node.getKey() != null) {
                    sb.append('/').append(escape(node.getKey().toString()));
                }
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                sb.append('/').append(escape(node.getName()));
            }
        }
        return sb.toString();
    }

    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static List<Diagnostic> dedupe(List<Diagnostic> in) {
        Map<String, Diagnostic> byPointer = new LinkedHashMap<>();
        for (Diagnostic d : in) {
            byPointer.merge(d.file() + "\u0000" + d.pointer() + "\u0000" + d.message(), d, (a, b) -> a);
        }
        List<Diagnostic> out = new ArrayList<>(byPointer.values());
        out.sort(Diagnostic.ORDER);
        return out;
    }
}
