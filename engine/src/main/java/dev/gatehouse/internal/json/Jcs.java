package dev.gatehouse.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Iterator;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 (JSON Canonicalization Scheme) written straight from a Jackson tree, in one pass, as UTF-8
 * into a digest or a byte array: no intermediate JSON text to parse again. Object members are sorted
 * by their UTF-16 code units ({@link String#compareTo}); strings carry only the escapes RFC 8785
 * requires ({@code \"}, {@code \\}, and {@code \b \t \n \f \r} or <code>&#92;u00xx</code> for the other control
 * characters); every number is the IEEE 754 double it denotes, written by {@code org.erdtman.jcs}'s
 * ECMAScript number serializer (the one part we do not write ourselves: shortest round-trip digits are
 * subtle). A lone surrogate is written as {@code ?}, as Java's UTF-8 encoder writes it. NaN, infinities
 * and values that are not JSON (a POJO node, a missing node) are refused.
 *
 * <p>{@code JcsTest} holds this to the reference canonicalizer ({@code org.erdtman.jcs.JsonCanonicalizer},
 * by an author of the RFC) over every document in the repository and generated trees.
 */
final class Jcs {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Utf8Sink out;

    private Jcs(Utf8Sink out) {
        this.out = out;
    }

    /** The canonical form of {@code value} as UTF-8 bytes. */
    static byte[] bytes(JsonNode value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        Utf8Sink sink = new Utf8Sink(bytes::write);
        new Jcs(sink).value(value);
        sink.flush();
        return bytes.toByteArray();
    }

    /** {@code sha256:<hex>} of the canonical form of {@code value}. */
    static String sha256(JsonNode value) {
        MessageDigest digest = Json.newSha256();
        Utf8Sink sink = new Utf8Sink(digest::update);
        new Jcs(sink).value(value);
        sink.flush();
        return Json.sha256Text(digest);
    }

    private void value(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        switch (type) {
            case OBJECT -> object(node);
            case ARRAY -> {
                out.ascii('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.ascii(',');
                    }
                    value(node.get(i));
                }
                out.ascii(']');
            }
            case STRING -> string(node.textValue());
            case BINARY -> string(node.asText()); // base64, as Jackson writes it
            case NUMBER -> number(node);
            case BOOLEAN -> out.ascii(node.booleanValue() ? "true" : "false");
            case NULL -> out.ascii("null");
            default -> throw new IllegalArgumentException("cannot canonicalize a JSON " + type + " node");
        }
    }

    private void object(JsonNode node) {
        String[] names = new String[node.size()];
        int n = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names[n++] = it.next();
        }
        Arrays.sort(names, 0, n); // UTF-16 code units, as RFC 8785 3.2.3 requires
        out.ascii('{');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.ascii(',');
            }
            string(names[i]);
            out.ascii(':');
            value(node.get(names[i]));
        }
        out.ascii('}');
    }

    private void string(String s) {
        out.ascii('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.ascii("\\\"");
                case '\\' -> out.ascii("\\\\");
                case '\b' -> out.ascii("\\b");
                case '\t' -> out.ascii("\\t");
                case '\n' -> out.ascii("\\n");
                case '\f' -> out.ascii("\\f");
                case '\r' -> out.ascii("\\r");
                default -> {
                    if (c < 0x20) {
                        out.ascii("\\u00");
                        out.ascii(HEX[c >> 4]);
                        out.ascii(HEX[c & 0xf]);
                    } else {
                        i += out.utf16(s, i) - 1;
                    }
                }
            }
        }
        out.ascii('"');
    }

    private void number(JsonNode node) {
        double d = switch (node.numberType()) {
            case INT, LONG -> (double) node.longValue(); // correctly rounded, as parsing the digits is
            case BIG_INTEGER -> node.bigIntegerValue().doubleValue();
            case FLOAT -> Double.parseDouble(Float.toString(node.floatValue())); // as Jackson writes it
            case DOUBLE -> node.doubleValue();
            case BIG_DECIMAL -> Double.parseDouble(node.decimalValue().toString());
        };
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalStateException("cannot canonicalize JSON: RFC 8785 has no form for " + node.asText());
        }
        try {
            out.ascii(NumberToJSON.serializeNumber(d));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the number " + node.asText() + ": " + e.getMessage(), e);
        }
    }

    /** Where bytes go: a digest's update, a stream's write. */
    @FunctionalInterface
    private interface Bytes {
        void write(byte[] b, int off, int len);
    }

    /** UTF-8 encoding into a fixed buffer, handed on when full: no allocation per character or string. */
    private static final class Utf8Sink {
        private final byte[] buf = new byte[2048];
        private final Bytes target;
        private int n;

        Utf8Sink(Bytes target) {
            this.target = target;
        }

        void ascii(char c) {
            if (n == buf.length) {
                flush();
            }
            buf[n++] = (byte) c;
        }

        void ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                ascii(s.charAt(i));
            }
        }

        /**
         * The character at {@code i} (with its low surrogate when it is a high one) in UTF-8; returns how many
         * chars that took (2 for a surrogate pair, else 1).
         */
        int utf16(String s, int i) {
            if (n + 4 > buf.length) {
                flush();
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[n++] = (byte) c;
            } else if (c < 0x800) {
                buf[n++] = (byte) (0xc0 | (c >> 6));
                buf[n++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(i + 1));
                    buf[n++] = (byte) (0xf0 | (cp >> 18));
                    buf[n++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    buf[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    buf[n++] = (byte) (0x80 | (cp & 0x3f));
                    return 2;
                } else {
                    buf[n++] = '?'; // a lone surrogate: what String.getBytes(UTF_8) writes
                }
            } else {
                buf[n++] = (byte) (0xe0 | (c >> 12));
                buf[n++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[n++] = (byte) (0x80 | (c & 0x3f));
            }
            return 1;
        }

        void flush() {
            if (n > 0) {
                target.write(buf, 0, n);
                n = 0;
            }
        }
    }
}
