package dev.gatehouse.internal.validate;

import static dev.gatehouse.model.DiagnosticCode.BAD_FORMAT;
import static dev.gatehouse.model.DiagnosticCode.BAD_VALUE;
import static dev.gatehouse.model.DiagnosticCode.MISSING_FIELD;
import static dev.gatehouse.model.DiagnosticCode.UNKNOWN_FIELD;
import static dev.gatehouse.model.DiagnosticCode.WRONG_TYPE;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.DiagnosticCode;
import dev.gatehouse.model.Formats;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Binds a JSON tree to a contract type, reporting every problem of its shape at once: a field the
 * type does not have (with the closest one that it has), a value of the wrong JSON type, a name
 * that is no constant of an enum, an instant that is not RFC 3339 UTC, a number the field cannot
 * hold, and a field that {@code @JsonProperty(required = true)} makes required (it may be null).
 * What it knows it reads from the types once, by reflection: record components, their Java types,
 * {@code @JsonProperty} and {@code @JsonValue}; so a new field of a contract type needs no code here.
 *
 * <p>Everything about the <em>values</em> is Bean Validation's ({@link InputValidator}): whether a
 * field may be missing or null ({@code @NotNull}, {@code @NotBlank}), patterns, sizes and ranges,
 * canonical identities. Where the shape is wrong the binder puts null, so Bean Validation still
 * checks every other field of the same document, and its finding at a place the binder already
 * reported is dropped. The JSON types named in messages are those the published JSON Schema gives
 * the field (a test holds the two to each other); to word them it reads whether a field is
 * {@code @NotNull}, {@code @NotBlank} or {@code @NotEmpty} (a nullable field's type is
 * "[integer, null]"), but never checks those constraints itself.
 *
 * <p>Thread-safe; the shapes are derived once per type ({@link InputValidator} derives those of
 * the three input kinds when it is built, so a type the binder cannot bind fails there).
 */
final class Binder {
    /** What the binder knows about one Java type of the contract. */
    sealed interface Shape permits RecordShape, ListShape, MapShape, Leaf, EnumShape {
        /** The JSON Schema type of a value of this shape, as messages name it. */
        String jsonType();
    }

    /** A record: its components by JSON name, and how to build it. */
    record RecordShape(Class<?> type, Map<String, Component> components, Set<String> names, MethodHandle constructor)
            implements Shape {
        @Override
        public String jsonType() {
            return "object";
        }
    }

    /** One component of a record. */
    record Component(String name, int index, Shape shape, boolean required, boolean nullable) {}

    /** A list, its items never null in the contract (Bean Validation says so, the binder only keeps the index). */
    record ListShape(Shape item) implements Shape {
        @Override
        public String jsonType() {
            return "array";
        }
    }

    /** A map from strings. */
    record MapShape(Shape value) implements Shape {
        @Override
        public String jsonType() {
            return "object";
        }
    }

    /** An enum: its constants by the name documents use ({@code @JsonValue}, else the constant's name). */
    record EnumShape(Map<String, Object> constants, String listing) implements Shape {
        @Override
        public String jsonType() {
            return "string";
        }
    }

    /** A scalar. */
    enum Leaf implements Shape {
        STRING("string"),
        BOOLEAN("boolean"),
        INTEGER("integer"),
        LONG("integer"),
        DOUBLE("number"),
        INSTANT("string");

        private final String jsonType;

        Leaf(String jsonType) {
            this.jsonType = jsonType;
        }

        @Override
        public String jsonType() {
            return jsonType;
        }
    }

    private static final Pattern INSTANT = Pattern.compile(Formats.INSTANT);

    private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();
    private final ObjectReader instants;
    private final ObjectReader ints;

    /** A binder whose instants and numbers are read as {@code mapper} reads them (its exact messages on failure). */
    Binder(ObjectMapper mapper) {
        this.instants = mapper.readerFor(Instant.class);
        this.ints = mapper.readerFor(Integer.class);
    }

    /** The shape of a contract record type (derived on first use; fails at once on a type the binder cannot bind). */
    RecordShape shapeOf(Class<?> type) {
        return (RecordShape) shape(type);
    }

    /**
     * The result of binding: the value (null wherever the shape was wrong), the shape's problems, the
     * explicit nulls of the document (pointer to the shape the field has when it is not null), and
     * the whole numbers too large for their field: each was bound at the nearest value the field
     * holds, so that Bean Validation says what the field allows ("must be at most 4"); where it
     * finds nothing, the number's own problem (out of range of int) stands.
     */
    record Bound(
            Object value,
            List<Diagnostic> problems,
            Set<String> reported,
            Map<String, Shape> nulls,
            Map<String, Diagnostic> outOfRange) {
        /** True when the binder already reported a problem at {@code pointer}. */
        boolean reported(String pointer) {
            return reported.contains(pointer);
        }
    }

    /** One binding's state: the file's name and what was found so far. */
    private record Run(
            String file, List<Diagnostic> problems, Map<String, Shape> nulls, Map<String, Diagnostic> outOfRange) {
        void add(DiagnosticCode code, String pointer, String message) {
            problems.add(Diagnostic.input(code, file, pointer, message));
        }
    }

    /** Binds {@code tree} (an object) to {@code type}. */
    Bound bind(JsonNode tree, Class<?> type, String file) {
        Run run = new Run(file, new ArrayList<>(), new HashMap<>(), new HashMap<>());
        Object value = bind(tree, shapeOf(type), false, "", run);
        Set<String> reported = new HashSet<>();
        run.problems().forEach(d -> reported.add(d.pointer()));
        return new Bound(value, run.problems(), reported, run.nulls(), run.outOfRange());
    }

    private Object bind(JsonNode node, Shape shape, boolean nullable, String pointer, Run run) {
        if (node.isNull()) {
            run.nulls().put(pointer, shape);
            return null;
        }
        if (!matchesType(node, shape)) {
            // As the schema says it: a nullable scalar or list is a type union, a nullable object or enum "null or" it.
            String expected = nullable && (shape instanceof Leaf || shape instanceof ListShape)
                    ? "[" + shape.jsonType() + ", null]"
                    : shape.jsonType();
            run.add(
                    WRONG_TYPE,
                    pointer,
                    "has the wrong type: " + jsonTypeOf(node) + " found, " + expected + " expected");
            if (shape instanceof EnumShape e) {
                run.problems().add(notOneOf(e, node, run.file(), pointer));
            }
            return null;
        }
        if (shape instanceof RecordShape r) {
            return bindRecord(node, r, pointer, run);
        }
        if (shape instanceof ListShape l) {
            List<Object> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                items.add(bind(node.get(i), l.item(), false, pointer + "/" + i, run));
            }
            return Collections.unmodifiableList(items);
        }
        if (shape instanceof MapShape m) {
            Map<String, Object> entries = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                entries.put(
                        e.getKey(),
                        bind(e.getValue(), m.value(), false, pointer + "/" + InputValidator.escape(e.getKey()), run));
            }
            return Collections.unmodifiableMap(entries);
        }
        if (shape instanceof EnumShape e) {
            Object constant = e.constants().get(node.textValue());
            if (constant == null) {
                run.problems().add(notOneOf(e, node, run.file(), pointer));
            }
            return constant;
        }
        return bindLeaf(node, (Leaf) shape, pointer, run);
    }

    /** The value is no constant of the enum. */
    static Diagnostic notOneOf(EnumShape e, JsonNode value, String file, String pointer) {
        return Diagnostic.input(BAD_VALUE, file, pointer, "must be one of " + e.listing() + ", not " + value);
    }

    private Object bindRecord(JsonNode node, RecordShape r, String pointer, Run run) {
        Object[] args = new Object[r.components().size()];
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String name = f.getKey();
            Component c = r.components().get(name);
            String at = pointer + "/" + InputValidator.escape(name);
            if (c == null) {
                run.add(UNKNOWN_FIELD, at, "is not a known field" + InputValidator.suggestion(r.names(), name));
                continue;
            }
            args[c.index()] = bind(f.getValue(), c.shape(), c.nullable(), at, run);
        }
        for (Component c : r.components().values()) {
            if (c.required() && !node.has(c.name())) {
                run.add(MISSING_FIELD, pointer + "/" + InputValidator.escape(c.name()), "is required");
            }
        }
        try {
            return (Object) r.constructor().invokeExact(args);
        } catch (RuntimeException refused) {
            // A record whose constructor checks its values refused these: the input's fault, never an internal error.
            run.add(BAD_VALUE, pointer, InputValidator.plain(refused.getMessage()));
            return null;
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot build " + r.type().getName(), e);
        }
    }

    private Object bindLeaf(JsonNode node, Leaf leaf, String pointer, Run run) {
        return switch (leaf) {
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case DOUBLE -> node.doubleValue();
            case LONG -> node.longValue();
            case INTEGER -> bindInt(node, pointer, run);
            case INSTANT -> bindInstant(node, pointer, run);
        };
    }

    private Object bindInt(JsonNode node, String pointer, Run run) {
        if (node.canConvertToInt()) {
            return node.intValue();
        }
        List<Diagnostic> own = new ArrayList<>(1);
        Object read = readOrReport(ints, node, pointer, run.file(), own);
        if (read != null || !node.canConvertToLong()) {
            run.problems().addAll(own);
            return read;
        }
        run.outOfRange().put(pointer, own.get(0));
        return node.longValue() > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    }

    private Object bindInstant(JsonNode node, String pointer, Run run) {
        if (!INSTANT.matcher(node.textValue()).matches()) {
            run.add(BAD_FORMAT, pointer, Formats.messageFor(Formats.INSTANT));
            return null;
        }
        try {
            Instant utc = utc(node.textValue());
            // What the mapper's reader does with this pattern, faster: most times are UTC, for the rest Instant.parse.
            return utc != null ? utc : Instant.parse(node.textValue());
        } catch (java.time.DateTimeException noSuchDate) {
            return readOrReport(instants, node, pointer, run.file(), run.problems()); // the mapper's own words
        }
    }

    /**
     * The instant of {@code text} (which matched {@link Formats#INSTANT}) when it is a plain UTC time
     * ({@code 2026-11-28T12:00:00Z}, with up to nine fraction digits), read field by field: exactly what
     * {@link Instant#parse} gives, in a tenth of its time. Null for anything else (an offset, hour 24, a leap
     * second, a field out of range), which {@link Instant#parse} then reads or refuses; a day that does not exist
     * (February 30) throws as {@link Instant#parse} does. {@code BinderTest} holds the two to each other.
     */
    static Instant utc(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(n - 1) != 'Z' || (n > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // the digits between '.' and 'Z'
            nanos = digits(text, 20, n - 1);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long day = java.time.LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10))
                .toEpochDay();
        return Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number the ASCII digits of {@code text} from {@code from} to {@code to} (exclusive) write. */
    private static int digits(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (text.charAt(i) - '0');
        }
        return v;
    }

    /** Reads a leaf as the mapper does, or reports the mapper's own words (first line) as a bad value. */
    private static Object readOrReport(
            ObjectReader reader, JsonNode node, String pointer, String file, List<Diagnostic> out) {
        try {
            return reader.readValue(node);
        } catch (java.io.IOException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            out.add(Diagnostic.input(BAD_VALUE, file, pointer, InputValidator.plain(message)));
            return null;
        }
    }

    private static boolean matchesType(JsonNode node, Shape shape) {
        return switch (shape.jsonType()) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isTextual();
            case "boolean" -> node.isBoolean();
            case "integer" -> node.isIntegralNumber() || (node.isNumber() && isWhole(node));
            case "number" -> node.isNumber();
            default -> false;
        };
    }

    private static boolean isWhole(JsonNode n) {
        double d = n.doubleValue();
        return !Double.isInfinite(d) && d == Math.rint(d);
    }

    /** The JSON type of a node, as the messages name it: a number written with a fraction or exponent is a number. */
    static String jsonTypeOf(JsonNode node) {
        if (node.isObject()) {
            return "object";
        } else if (node.isArray()) {
            return "array";
        } else if (node.isTextual()) {
            return "string";
        } else if (node.isBoolean()) {
            return "boolean";
        } else if (node.isNull()) {
            return "null";
        } else if (node.isIntegralNumber()) {
            return "integer";
        } else if (node.isNumber()) {
            return "number";
        }
        return "unknown";
    }

    private Shape shape(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (raw == List.class) {
                return new ListShape(shape(p.getActualTypeArguments()[0]));
            }
            if (raw == Map.class && p.getActualTypeArguments()[0] == String.class) {
                return new MapShape(shape(p.getActualTypeArguments()[1]));
            }
            throw unsupported(type);
        }
        if (!(type instanceof Class<?> c)) {
            throw unsupported(type);
        }
        Shape known = shapes.get(c);
        if (known != null) {
            return known;
        }
        Shape made;
        if (c == String.class) {
            made = Leaf.STRING;
        } else if (c == Boolean.class) {
            made = Leaf.BOOLEAN;
        } else if (c == Integer.class) {
            made = Leaf.INTEGER;
        } else if (c == Long.class) {
            made = Leaf.LONG;
        } else if (c == Double.class) {
            made = Leaf.DOUBLE;
        } else if (c == Instant.class) {
            made = Leaf.INSTANT;
        } else if (c.isEnum()) {
            made = enumShape(c);
        } else if (c.isRecord()) {
            made = recordShape(c);
        } else {
            throw unsupported(type);
        }
        shapes.put(c, made);
        return made;
    }

    private static IllegalStateException unsupported(Type type) {
        return new IllegalStateException(
                "a contract type holds " + type.getTypeName() + ", which the input binder does not"
                        + " bind: use a record, a List, a Map from String, an enum, String, Boolean, Integer, Long, Double or Instant"
                        + " (boxed, so that a missing value is null)");
    }

    private static EnumShape enumShape(Class<?> c) {
        Method wire = null;
        for (Method m : c.getMethods()) {
            if (m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0) {
                wire = m;
            }
        }
        Map<String, Object> constants = new LinkedHashMap<>();
        for (Object constant : c.getEnumConstants()) {
            try {
                constants.put(
                        wire == null ? ((Enum<?>) constant).name() : String.valueOf(wire.invoke(constant)), constant);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read the names of " + c.getName(), e);
            }
        }
        return new EnumShape(Collections.unmodifiableMap(constants), String.join(", ", constants.keySet()));
    }

    private RecordShape recordShape(Class<?> c) {
        RecordComponent[] rcs = c.getRecordComponents();
        Class<?>[] types = new Class<?>[rcs.length];
        Map<String, Component> components = new LinkedHashMap<>();
        for (int i = 0; i < rcs.length; i++) {
            types[i] = rcs[i].getType();
        }
        MethodHandle constructor;
        try {
            constructor = MethodHandles.publicLookup().findConstructor(c, MethodType.methodType(void.class, types));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "a contract record needs a public canonical constructor: " + c.getName(), e);
        }
        for (int i = 0; i < rcs.length; i++) {
            RecordComponent rc = rcs[i];
            Field field;
            try {
                field = c.getDeclaredField(rc.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
            JsonProperty property = field.getAnnotation(JsonProperty.class);
            String name = property != null && !property.value().isEmpty() ? property.value() : rc.getName();
            boolean required = property != null && property.required();
            boolean nullable = !(field.isAnnotationPresent(NotNull.class)
                    || field.isAnnotationPresent(NotBlank.class)
                    || field.isAnnotationPresent(NotEmpty.class));
            components.put(name, new Component(name, i, shape(rc.getGenericType()), required, nullable));
        }
        return new RecordShape(
                c,
                Collections.unmodifiableMap(components),
                Collections.unmodifiableSet(new TreeSet<>(components.keySet())),
                constructor
                        .asSpreader(Object[].class, rcs.length)
                        .asType(MethodType.methodType(Object.class, Object[].class)));
    }
}
