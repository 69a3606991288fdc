package dev.gatehouse.internal.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Where each JSON Pointer of a parsed document starts in its file: line and column, both from 1,
 * columns counted in Unicode code points. A field is located at its name, an array item at its
 * value, the whole document ({@code ""}) at 1:1. Recorded from the parser's token locations, for
 * JSON and YAML alike, in one pass over the document; that pass is made the first time a position is
 * asked for ({@link #later}), so reading a document whose places nobody reports costs nothing extra
 * (most evaluations: only SARIF and GitHub reports point into files). Thread-safe; the positions,
 * once recorded, never change.
 */
public final class Locations {
    /** No locations: every pointer is at 1:1 (a document built in memory). */
    public static final Locations NONE = new Locations(Map.of());

    /** A place in a file: line and column, from 1. */
    public record Position(int line, int column) {
        public static final Position START = new Position(1, 1);
    }

    private volatile Map<String, Long> at;
    /** What records the positions when first asked for them (then null). */
    private Callable<Map<String, Long>> recorder;

    private Locations(Map<String, Long> at) {
        this.at = at;
    }

    private Locations(Callable<Map<String, Long>> recorder) {
        this.recorder = recorder;
    }

    /**
     * The positions of a document that {@code mapper} parsed from {@code bytes} without error, recorded by
     * parsing it again the first time one is asked for (same mapper, so the same features and limits).
     */
    static Locations later(ObjectMapper mapper, byte[] bytes) {
        return new Locations(() -> readTree(mapper, bytes).locations().positions());
    }

    private Map<String, Long> positions() {
        Map<String, Long> known = at;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (at == null) {
                try {
                    at = recorder.call();
                } catch (Exception e) {
                    // The same bytes parsed without error a moment ago; if they no longer do, nothing is located.
                    at = Map.of();
                }
                recorder = null;
            }
            return at;
        }
    }

    /** The position of a pointer, when the document holds it. */
    public Position exact(String pointer) {
        Long p = positions().get(pointer);
        return p == null ? null : new Position((int) (p >>> 32), (int) (long) p);
    }

    /**
     * The position of a pointer, or of its nearest ancestor the document holds (a missing field is
     * reported at the object it is missing from), or 1:1.
     */
    public Position of(String pointer) {
        String p = pointer == null ? "" : pointer;
        while (!p.isEmpty()) {
            Position found = exact(p);
            if (found != null) {
                return found;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return Position.START;
    }

    /** How many pointers are located. */
    public int size() {
        return positions().size();
    }

    /** A parsed tree and where its pointers are. */
    record Parsed(JsonNode tree, Locations locations) {}

    /**
     * Parses {@code bytes} with {@code mapper} (so with its features and limits) into a tree,
     * recording the position of every pointer on the way.
     */
    static Parsed readTree(ObjectMapper mapper, byte[] bytes) throws IOException {
        Map<String, Long> at = new HashMap<>();
        try (Recorder p = new Recorder(mapper.createParser(bytes), bytes, at)) {
            JsonNode tree = mapper.readTree(p);
            return new Parsed(tree, new Locations(Map.copyOf(at)));
        }
    }

    /** Records each value's pointer and start as the tree is read from it. */
    private static final class Recorder extends JsonParserDelegate {
        private final byte[] bytes;
        private final Map<String, Long> at;
        // Code points are counted incrementally along the current line (tokens arrive in order), so
        // converting the parser's byte columns costs one pass over the input in all.
        private long lineStart = -1;
        private long scanned;
        private int codePoints;

        Recorder(JsonParser parser, byte[] bytes, Map<String, Long> at) {
            super(parser);
            this.bytes = bytes;
            this.at = at;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = super.nextToken();
            if (t == null) {
                return null;
            }
            JsonStreamContext ctx = getParsingContext();
            if (t == JsonToken.FIELD_NAME) {
                record(ctx.pathAsPointer().toString());
            } else if (t.isStructStart()) {
                JsonStreamContext parent = ctx.getParent();
                if (parent == null || parent.inRoot()) {
                    record("");
                } else if (parent.inArray()) {
                    record(parent.pathAsPointer().toString());
                }
            } else if (t.isScalarValue() && (ctx.inArray() || ctx.inRoot())) {
                record(ctx.inRoot() ? "" : ctx.pathAsPointer().toString());
            }
            return t;
        }

        private void record(String pointer) {
            JsonLocation l = currentTokenLocation();
            int line = Math.max(1, l.getLineNr());
            int column = Math.max(1, l.getColumnNr());
            long offset = l.getByteOffset();
            if (offset >= 0 && offset <= bytes.length) {
                column = codePointColumn(offset, column);
            }
            at.putIfAbsent(pointer, ((long) line << 32) | column);
        }

        /** The byte column of the byte at {@code offset} as a code-point column. */
        private int codePointColumn(long offset, int byteColumn) {
            long start = offset - (byteColumn - 1);
            if (start != lineStart || scanned > offset) {
                lineStart = start;
                scanned = Math.max(0, start);
                codePoints = 0;
            }
            for (; scanned < offset; scanned++) {
                if ((bytes[(int) scanned] & 0xC0) != 0x80) {
                    codePoints++;
                }
            }
            return codePoints + 1;
        }
    }
}
