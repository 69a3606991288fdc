package dev.gatehouse.internal.validate;

import static dev.gatehouse.model.DiagnosticCode.BAD_FORMAT;
import static dev.gatehouse.model.DiagnosticCode.BAD_IDENTITY;
import static dev.gatehouse.model.DiagnosticCode.BAD_VALUE;
import static dev.gatehouse.model.DiagnosticCode.DUPLICATE_ID;
import static dev.gatehouse.model.DiagnosticCode.MISSING_FIELD;
import static dev.gatehouse.model.DiagnosticCode.UNKNOWN_FIELD;
import static dev.gatehouse.model.DiagnosticCode.WRONG_KIND;
import static dev.gatehouse.model.DiagnosticCode.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.gatehouse.internal.load.Document;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.DiagnosticCode;
import dev.gatehouse.model.Formats;
import dev.gatehouse.model.Identities;
import dev.gatehouse.model.RiskException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Validates input documents: kind and apiVersion first, then the generated JSON Schema (every
 * structural problem at once), then binding and Bean Validation. Immutable and thread-safe.
 */
public final class InputValidator {

    private final Map<String, JsonSchema> schemas = new HashMap<>();
    private final Map<String, JsonNode> rawSchemas = new HashMap<>();
    private final ObjectMapper binder;
    private final Validator validator;
    private final ValidatorFactory validatorFactory;

    public InputValidator() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ROOT)
                .build();
        for (String kind : Schemas.kinds().keySet()) {
            JsonNode schema = Schemas.load(kind);
            schemas.put(kind, factory.getSchema(schema, config));
            rawSchemas.put(kind, schema);
        }
        binder = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        validatorFactory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
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
            problems.add(Diagnostic.input(WRONG_KIND, doc.file(), "/kind",
                    "must be " + kind + ", not " + declared.asText() + " (is this the right file?)"));
            return new Checked<>(null, problems);
        }
        for (ValidationMessage m : schemas.get(kind).validate(tree)) {
            problems.add(toDiagnostic(doc.file(), kind, m));
        }
        if (!problems.isEmpty()) {
            return new Checked<>(null, dedupe(withoutNullableNoise(problems)));
        }
        T value;
        try {
            value = binder.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            problems.add(Diagnostic.input(BAD_VALUE, doc.file(), pointerOf(e), plain(e.getOriginalMessage())));
            return new Checked<>(null, problems);
        } catch (JsonProcessingException e) {
            problems.add(Diagnostic.input(BAD_VALUE, doc.file(), "", plain(e.getOriginalMessage())));
            return new Checked<>(null, problems);
        }
        problems.addAll(validate(value, doc.file()));
        return problems.isEmpty() ? new Checked<>(value, List.of()) : new Checked<>(null, dedupe(problems));
    }

    /** Bean Validation of a value built in Java (or bound from a document), as diagnostics. */
    public List<Diagnostic> validate(Object value, String file) {
        List<Diagnostic> out = new ArrayList<>();
        for (ConstraintViolation<Object> v : validator.validate(value)) {
            String annotation = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            DiagnosticCode code = switch (annotation) {
                case "NotNull" -> MISSING_FIELD;
                case "Pattern" -> BAD_FORMAT;
                case "CanonicalIdentity" -> BAD_IDENTITY;
                default -> BAD_VALUE;
            };
            String message = switch (annotation) {
                case "NotNull" -> "is required";
                case "CanonicalIdentity" -> Identities.problem((String) v.getInvalidValue());
                default -> v.getMessage();
            };
            out.add(Diagnostic.input(code, file, pointerOf(v.getPropertyPath()), message));
        }
        return dedupe(out);
    }

    /** Exception ids must be unique across the exceptions given: each repeat is an error in its file. */
    public static List<Diagnostic> checkUniqueIds(List<Map.Entry<String, RiskException>> exceptionsByFile) {
        Map<String, String> firstFile = new LinkedHashMap<>();
        List<Diagnostic> out = new ArrayList<>();
        for (Map.Entry<String, RiskException> e : exceptionsByFile) {
            String id = e.getValue().id();
            String first = firstFile.putIfAbsent(id, e.getKey());
            if (first != null) {
                out.add(Diagnostic.input(DUPLICATE_ID, e.getKey(), "/id",
                        "exception id " + id + " is already used by " + fileName(first)));
            }
        }
        return out;
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private Diagnostic toDiagnostic(String file, String kind, ValidationMessage m) {
        String at = m.getInstanceLocation().toString();
        String pointer = at.equals("/") ? "" : at;
        String detail = stripLocation(m.getMessage());
        return switch (m.getType()) {
            case "required" -> Diagnostic.input(MISSING_FIELD, file, pointer + "/" + escape(m.getProperty()), "is required");
            case "additionalProperties" -> Diagnostic.input(UNKNOWN_FIELD, file, pointer + "/" + escape(m.getProperty()),
                    "is not a known field" + suggestion(fieldsAt(kind, m), m.getProperty()));
            case "type" -> Diagnostic.input(WRONG_TYPE, file, pointer, "has the wrong type: " + detail);
            case "pattern" -> m.getSchemaNode().asText().equals(Formats.IDENTITY)
                    ? Diagnostic.input(BAD_IDENTITY, file, pointer, Identities.problem(m.getInstanceNode().asText()))
                    : Diagnostic.input(BAD_FORMAT, file, pointer, Formats.messageFor(m.getSchemaNode().asText()));
            case "enum" -> Diagnostic.input(BAD_VALUE, file, pointer,
                    "must be one of " + enumValues(m.getSchemaNode()) + ", not " + m.getInstanceNode());
            case "minItems" -> Diagnostic.input(BAD_VALUE, file, pointer,
                    "must have at least " + m.getSchemaNode().asInt() + " item" + (m.getSchemaNode().asInt() == 1 ? "" : "s"));
            case "minimum" -> Diagnostic.input(BAD_VALUE, file, pointer, "must be at least " + m.getSchemaNode().asText());
            case "maximum" -> Diagnostic.input(BAD_VALUE, file, pointer, "must be at most " + m.getSchemaNode().asText());
            case "minLength" -> Diagnostic.input(BAD_VALUE, file, pointer, "must not be empty");
            default -> Diagnostic.input(BAD_VALUE, file, pointer, detail);
        };
    }

    private static String enumValues(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asText()));
        return String.join(", ", out);
    }

    /**
     * The fields the schema allows where an unknown field was found: the {@code properties} of the schema object
     * whose {@code additionalProperties} failed (after {@code $ref}, so each object of the contract has its own).
     */
    private Set<String> fieldsAt(String kind, ValidationMessage m) {
        String location = m.getSchemaLocation() == null ? "" : m.getSchemaLocation().getFragment().toString();
        String suffix = "/additionalProperties";
        if (!location.endsWith(suffix)) {
            return Set.of();
        }
        String pointer = location.substring(0, location.length() - suffix.length());
        if (pointer.startsWith("#")) {
            pointer = pointer.substring(1);
        }
        JsonNode properties = rawSchemas.get(kind).at(pointer.isEmpty() || pointer.startsWith("/") ? pointer : "/" + pointer)
                .path("properties");
        Set<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
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

    private static String stripLocation(String message) {
        int colon = message.indexOf(": ");
        return colon >= 0 && message.startsWith("/") ? message.substring(colon + 2) : message;
    }

    private static String plain(String message) {
        if (message == null) {
            return "is not a valid value";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static String pointerOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            sb.append('/');
            sb.append(r.getFieldName() != null ? escape(r.getFieldName()) : Integer.toString(r.getIndex()));
        }
        return sb.toString();
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

    /**
     * A nullable field is "null or X": when X fails, the schema also reports "null expected" at the
     * same place. That half says nothing the user needs, so it is dropped when another problem
     * names the same field.
     */
    private static List<Diagnostic> withoutNullableNoise(List<Diagnostic> in) {
        java.util.Set<String> pointersWithOtherProblems = new java.util.HashSet<>();
        for (Diagnostic d : in) {
            if (!(d.is(WRONG_TYPE) && d.message().endsWith("null expected"))) {
                pointersWithOtherProblems.add(d.pointer());
            }
        }
        return in.stream()
                .filter(d -> !(d.is(WRONG_TYPE) && d.message().endsWith("null expected")
                        && pointersWithOtherProblems.contains(d.pointer())))
                .toList();
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
