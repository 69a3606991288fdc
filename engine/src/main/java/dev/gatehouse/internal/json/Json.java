package dev.gatehouse.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one place Gatehouse's JSON mappers are configured, each for one job:
 * <ul>
 *   <li>{@link #mapper()}: contract values (decisions, inputs built from Java values), java.time as ISO text;</li>
 *   <li>{@link #pretty}, {@link #canonical}, {@link #jcs}: the writers for decisions, log lines and the input
 *       digest (RFC 8785);</li>
 *   <li>{@link #strict()}: JSON a user typed or a log holds (what-if edits and patches, decision-log lines):
 *       duplicate keys and trailing content refused;</li>
 *   <li>{@link #exact()} and {@link #exactYaml()}: golden cases and their bases, numbers kept exactly as written
 *       (a base patched and written back keeps {@code 1.50}).</li>
 * </ul>
 * Input documents are read by {@code internal.load.DocumentReader}, whose parser limits come from each
 * caller's {@code InputLimits}.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    private static final ObjectWriter CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build()
            .writer();

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final ObjectMapper EXACT_YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {}

    /** Strict JSON for text a user typed or a log holds: duplicate keys and trailing tokens are errors. */
    public static ObjectMapper strict() {
        return STRICT;
    }

    /** JSON read and written with numbers exactly as written (big decimals), duplicate keys refused, indented. */
    public static ObjectMapper exact() {
        return EXACT;
    }

    /** YAML read with numbers exactly as written. */
    public static ObjectMapper exactYaml() {
        return EXACT_YAML;
    }

    /** The mapper for reading and writing contract values. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Pretty JSON with two-space indentation and a final newline. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Canonical JSON: keys sorted at every level, no whitespace. */
    public static byte[] canonical(Object value) {
        try {
            return CANONICAL.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * RFC 8785 (JSON Canonicalization Scheme) of a JSON object, as UTF-8: object members sorted by their
     * UTF-16 code units, no whitespace, strings with the minimal escapes, and every number as the IEEE 754
     * double it denotes written the way ECMAScript writes it ({@code 24.0} and {@code 24} are both {@code 24},
     * {@code 1e21} is {@code 1e+21}); NaN and infinities are refused. A number that is not exactly a double (an integer beyond 2^53) is written
     * as the nearest double, as JCS requires. Written in one pass from the tree ({@code Jcs}); numbers by
     * {@code org.erdtman.jcs}'s serializer, and the whole held to that library's canonicalizer by a test.
     */
    public static byte[] jcs(JsonNode value) {
        return Jcs.bytes(value);
    }

    /** {@code sha256:<hex>} of {@link #jcs} of {@code value}, computed in one pass without the canonical bytes. */
    public static String jcsSha256(JsonNode value) {
        return Jcs.sha256(value);
    }

    /** {@code sha256:<hex>} of some bytes. */
    public static String sha256(byte[] bytes) {
        MessageDigest digest = newSha256();
        digest.update(bytes);
        return sha256Text(digest);
    }

    /** A new SHA-256 digest (every JDK has one). */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha256:<hex>} of what {@code digest} was given (which it then forgets). */
    static String sha256Text(MessageDigest digest) {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** {@code sha256:<hex>} of a string's UTF-8 bytes. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
