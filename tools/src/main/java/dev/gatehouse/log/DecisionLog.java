package dev.gatehouse.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.model.PromotionDecision;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-only, hash-chained log of decisions: one line of canonical JSON (keys sorted, no
 * whitespace) per evaluation,
 * {@code {"at":...,"decision":{...},"evidence":{...},"exceptions":[...],"log":1,"n":1,"prev":"sha256:...","readback":{...}}},
 * with {@code "replica": NAME} when a replica of {@code gatehouse serve} wrote it (one chain, one file, per replica).
 * {@code n} is the line's 1-based number and {@code prev} the sha256 of the previous line's bytes
 * (without its newline); the first line's is {@link #GENESIS}. An edited line is named by the
 * next line's {@code prev}, a deleted, inserted or moved line by the numbering; {@link #verify}
 * names the first broken line. The last line is covered only by the head hash verify prints. Appends take an exclusive
 * {@link FileLock} (and a lock within this JVM, where file locks are per process), so concurrent
 * writers never interleave.
 *
 * <p>An append is all or nothing: the whole line is written with its newline, and on any failure
 * (a full disk, a file size limit, a failed sync) the file is truncated back to its length before
 * the append. A line without its newline at the end of the file can then only be left by a writer
 * that died mid-append (kill -9, a power cut): {@link #verify} names it as torn, and the next append
 * removes it (the bytes of a record that never completed) and reports that it did in
 * {@link Appended#removed}.
 */
public final class DecisionLog {
    /** The {@code prev} of the first line. */
    public static final String GENESIS = "sha256:" + "0".repeat(64);
    /** The log format version, written as {@code "log": 1}. */
    public static final int VERSION = 1;

    /*
     * File locks are held per process: two threads of one JVM must also exclude each other, by
     * the log's absolute path. The map only grows by one lock per log file written.
     */
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private DecisionLog() {}

    /** One line read back: its 1-based number and its parts as JSON trees. */
    public record Entry(
            long line, JsonNode evidence, JsonNode readback, List<JsonNode> exceptions, Instant at, JsonNode decision) {
        public Entry {
            exceptions = List.copyOf(exceptions);
        }
    }

    /**
     * The outcome of {@link #verify}: {@code firstBroken} is 0 when the chain is intact. {@code torn}
     * says the first broken line is a last line without its newline: an append that did not complete,
     * not an edit ({@code head} is then the hash of the intact lines before it).
     */
    public record Verification(long lines, long firstBroken, String problem, String head, boolean torn) {
        public boolean ok() {
            return firstBroken == 0;
        }
    }

    /** What an append did: the number of the line it wrote, and the torn line it removed first (or null). */
    public record Appended(long line, Torn removed) {}

    /** A torn last line that an append removed: its number and how many bytes it had. */
    public record Torn(long line, long bytes) {}

    /**
     * Signs lines as they are written (module trust implements it with the log's key): each line then also carries
     * {@code "chain"} (the writer's name: one chain, and one file, per writer) and, as its last member,
     * {@code "sig"}, computed over the canonical line without it (which holds {@code prev}, the chain's head
     * before the line).
     */
    public interface Sealer {
        /** The writer's chain name, written into every line as {@code "chain"}. */
        String chain();

        /** The {@code sig} value for the canonical bytes of the line without it. */
        Map<String, String> seal(byte[] unsealed);
    }

    /** A further check of each line whose chain link is intact (module trust checks signatures with it). */
    public interface LineCheck {
        /** Null when line {@code n} ({@code line}: its bytes without the newline; {@code tree}: parsed) passes, else why not. */
        String check(long n, byte[] line, JsonNode tree);

        /**
         * Whether a line that passed is proven unchanged (it is signed): a broken link after it then names the line
         * that does not follow it, rather than it.
         */
        default boolean provesLines() {
            return false;
        }
    }

    /** Opens the log's channel (tests inject one that fails as a full disk does). */
    interface Channels {
        FileChannel open(Path file) throws IOException;
    }

    private static final Channels FILES =
            f -> FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

    /**
     * Appends one evaluation, all or nothing. Creates the file when it does not exist. A torn last
     * line (an append that died midway) is removed first and returned in {@link Appended#removed}.
     *
     * @throws IOException when the line could not be written whole; the file is then as it was
     *     (the message says so, or, should truncating it back fail too, that it is not)
     */
    public static Appended append(Path file, EvaluationInput input, Instant at, PromotionDecision decision)
            throws IOException {
        return append(file, null, input, at, decision, null, FILES);
    }

    /**
     * {@link #append(Path, EvaluationInput, Instant, PromotionDecision)}, each line signed by {@code sealer} (null:
     * unsigned). A signed log is signed from its first line, by one chain: appending a signed line to an unsigned log
     * or another chain's, or an unsigned line to a signed log, is refused.
     */
    public static Appended append(
            Path file, EvaluationInput input, Instant at, PromotionDecision decision, Sealer sealer)
            throws IOException {
        return append(file, null, input, at, decision, sealer, FILES);
    }

    /**
     * {@link #append(Path, EvaluationInput, Instant, PromotionDecision, Sealer)} for one replica of a service that
     * runs several: each replica keeps its own chain in its own file, and every line names it
     * ({@code "replica": NAME}), so {@link #verify} can tell a line of another replica's chain.
     */
    public static Appended append(
            Path file, String replica, EvaluationInput input, Instant at, PromotionDecision decision, Sealer sealer)
            throws IOException {
        if (replica != null && (replica.isBlank() || replica.length() > 253)) {
            throw new IllegalArgumentException("a replica name is 1 to 253 characters, not '" + replica + "'");
        }
        return append(file, replica, input, at, decision, sealer, FILES);
    }

    static Appended append(Path file, EvaluationInput input, Instant at, PromotionDecision decision, Channels channels)
            throws IOException {
        return append(file, null, input, at, decision, null, channels);
    }

    // "try": the FileLock is a resource for its scope only (held while the block runs, released with it), so
    // the block never names it; Java 17 has no unnamed variable to say so.
    @SuppressWarnings("try")
    static Appended append(
            Path file,
            String replica,
            EvaluationInput input,
            Instant at,
            PromotionDecision decision,
            Sealer sealer,
            Channels channels)
            throws IOException {
        Path key = file.toAbsolutePath().normalize();
        ReentrantLock lock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try (FileChannel ch = channels.open(key);
                FileLock ignored = ch.lock()) {
            long size = ch.size();
            String prev = GENESIS;
            long n = 1;
            Torn removed = null;
            long complete = size > 0 ? completeLength(ch, size) : 0;
            if (complete > 0) {
                byte[] last = lastLine(ch, complete);
                prev = Json.sha256(last);
                JsonNode tree;
                try {
                    tree = dev.gatehouse.internal.json.Json.strict().readTree(last);
                } catch (IOException e) {
                    tree = null;
                }
                if (tree == null
                        || !tree.path("n").isIntegralNumber()
                        || !tree.get("n").canConvertToLong()
                        || tree.get("n").asLong() < 1) {
                    throw new IOException(
                            "its last complete line is not a decision log line; run 'gatehouse log verify " + file
                                    + "'");
                }
                if (tree.get("n").asLong() == Long.MAX_VALUE) {
                    throw new IOException("it is full: its last line is number " + Long.MAX_VALUE
                            + ", the largest a line can have; start a new log");
                }
                n = tree.get("n").asLong() + 1;
                String chain =
                        tree.path("chain").isTextual() ? tree.get("chain").asText() : null;
                if (sealer == null && tree.has("sig")) {
                    throw new IOException(
                            "it is a signed log (chain " + chain + "): an unsigned line cannot follow; give its key");
                }
                if (sealer != null && !tree.has("sig")) {
                    throw new IOException(
                            "its last line is not signed: a signed log is signed from its first line; start a new log");
                }
                if (sealer != null && !sealer.chain().equals(chain)) {
                    throw new IOException("its last line belongs to chain " + chain + ", not " + sealer.chain()
                            + ": each writer keeps its own log");
                }
            }
            if (complete < size) {
                // A torn last line: an earlier append died midway. Its record never completed; remove it.
                ch.truncate(complete);
                ch.force(true);
                removed = new Torn(n, size - complete);
                size = complete;
            }
            byte[] line = line(replica, input, at, decision, prev, n, sealer);
            ByteBuffer buf = ByteBuffer.allocate(line.length + 1)
                    .put(line)
                    .put((byte) '\n')
                    .flip();
            try {
                long pos = size;
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
                ch.force(false);
            } catch (IOException | RuntimeException | Error e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                try {
                    ch.truncate(size);
                } catch (IOException | RuntimeException t) {
                    IOException torn = new IOException(
                            why + "; truncating it back to " + (n - 1) + " line" + (n == 2 ? "" : "s") + " failed too ("
                                    + t.getMessage() + "): line " + n + " may be torn, and the next append removes it",
                            e);
                    torn.addSuppressed(t);
                    throw torn;
                }
                try {
                    ch.force(true);
                } catch (IOException | RuntimeException syncFailed) {
                    // best effort: readers already see the truncated file; a failed sync is the error reported
                }
                throw new IOException(
                        why + "; the log was left as it was (" + (n - 1) + " line" + (n == 2 ? "" : "s") + ")", e);
            }
            return new Appended(n, removed);
        } finally {
            lock.unlock();
        }
    }

    /** The canonical line for one evaluation (without the newline). */
    static byte[] line(EvaluationInput input, Instant at, PromotionDecision decision, String prev, long n) {
        return line(null, input, at, decision, prev, n, null);
    }

    /** The canonical line, naming the replica whose chain it is in (none when null), signed by {@code sealer} (or not). */
    static byte[] line(
            String replica,
            EvaluationInput input,
            Instant at,
            PromotionDecision decision,
            String prev,
            long n,
            Sealer sealer) {
        Map<String, Object> line = new TreeMap<>();
        if (replica != null) {
            line.put("replica", replica);
        }
        line.put("log", VERSION);
        line.put("n", n);
        line.put("prev", prev);
        line.put("at", at.toString());
        // The documents as read (what provenance's inputDigest is taken over), so verify can recompute it.
        dev.gatehouse.internal.InputDocuments documents = dev.gatehouse.internal.InputReading.documents(input);
        line.put("evidence", plain(documents.evidence(), true));
        line.put("readback", plain(documents.readback(), true));
        line.put(
                "exceptions",
                documents.exceptions().stream().map(x -> plain(x, true)).toList());
        line.put("decision", plain(Json.mapper().valueToTree(decision), true));
        if (sealer == null) {
            return Json.canonical(line);
        }
        line.put("chain", sealer.chain());
        // "sig" sorts after every other member, so the signed bytes are the line up to it (and the closing brace).
        line.put("sig", new TreeMap<>(sealer.seal(Json.canonical(line))));
        return Json.canonical(line);
    }

    /** Plain maps (keys sorted when written) and lists; nulls kept or dropped. */
    private static Object plain(JsonNode n, boolean keepNulls) {
        if (n.isObject()) {
            Map<String, Object> out = new TreeMap<>();
            for (Map.Entry<String, JsonNode> f : n.properties()) {
                if (keepNulls || !f.getValue().isNull()) {
                    out.put(f.getKey(), plain(f.getValue(), keepNulls));
                }
            }
            return out;
        }
        if (n.isNull()) {
            return null;
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(x -> out.add(plain(x, keepNulls)));
            return out;
        }
        return n;
    }

    /** Checks the chain line by line. */
    public static Verification verify(Path file) throws IOException {
        return verify(file, null);
    }

    /** Checks the chain line by line, and each line with {@code check} too (null: none). */
    public static Verification verify(Path file, LineCheck check) throws IOException {
        String expected = GENESIS;
        long n = 0;
        String replica = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] line;
            while ((line = readLine(in)) != null) {
                n++;
                if (line.length == 0 || line[line.length - 1] != '\n') {
                    return new Verification(
                            n,
                            n,
                            "line " + n + " is torn: the last append did not complete (" + line.length
                                    + " byte" + (line.length == 1 ? "" : "s") + " without a newline); "
                                    + (n == 1
                                            ? "there is no line before it"
                                            : (n == 2 ? "line 1 is" : "lines 1 to " + (n - 1) + " are")
                                                    + " intact, head " + expected)
                                    + ", and the next evaluate --log removes it",
                            expected,
                            true);
                }
                byte[] body = java.util.Arrays.copyOf(line, line.length - 1);
                JsonNode tree;
                try {
                    tree = dev.gatehouse.internal.json.Json.strict().readTree(body);
                } catch (IOException e) {
                    return new Verification(n, n, "the line is not JSON", null, false);
                }
                if (tree == null || !tree.isObject() || !tree.path("prev").isTextual()) {
                    return new Verification(n, n, "the line has no prev hash", null, false);
                }
                if (!tree.path("n").canConvertToLong() || tree.get("n").asLong() != n) {
                    return new Verification(
                            n,
                            n,
                            "it says it is line " + tree.path("n").asText("(none)")
                                    + ": a line before it was deleted or inserted, or lines were reordered",
                            null,
                            false);
                }
                if (!tree.get("prev").asText().equals(expected)) {
                    if (n == 1) {
                        return new Verification(
                                n,
                                1,
                                "prev is " + tree.get("prev").asText() + ", not the genesis value " + GENESIS,
                                null,
                                false);
                    }
                    if (check != null && check.provesLines()) {
                        return new Verification(
                                n,
                                n,
                                "it does not follow line " + (n - 1) + ": its prev is "
                                        + tree.get("prev").asText() + ", but line " + (n - 1)
                                        + " (whose signature verifies) has sha256 "
                                        + expected + ": it was replaced or re-chained",
                                null,
                                false);
                    }
                    return new Verification(
                            n,
                            n - 1,
                            "line " + (n - 1) + " was changed: its sha256 is " + expected + " but line " + n
                                    + " recorded " + tree.get("prev").asText(),
                            null,
                            false);
                }
                String named =
                        tree.path("replica").isTextual() ? tree.get("replica").asText() : null;
                if (n == 1) {
                    replica = named;
                } else if (!java.util.Objects.equals(replica, named)) {
                    return new Verification(
                            n,
                            n,
                            "the line is in the chain of " + (named == null ? "no replica" : "replica " + named)
                                    + ", but line 1 is in the chain of "
                                    + (replica == null ? "no replica" : "replica " + replica)
                                    + ": each replica writes its own log",
                            null,
                            false);
                }
                String mismatch = inputsMismatch(tree, file + ":" + n);
                if (mismatch != null) {
                    return new Verification(n, n, mismatch, null, false);
                }
                String problem = check == null ? null : check.check(n, body, tree);
                if (problem != null) {
                    return new Verification(n, n, problem, null, false);
                }
                expected = Json.sha256(body);
            }
        }
        return new Verification(n, 0, null, expected, false);
    }

    /**
     * Null when the line's inputs are valid and hash to its decision's inputDigest; otherwise why not.
     * This catches a line whose inputs and chain were both rewritten, as long as the decision was not.
     */
    private static String inputsMismatch(JsonNode line, String label) {
        JsonNode recorded = line.path("decision").path("provenance").path("inputDigest");
        if (!line.path("evidence").isObject()
                || !line.path("readback").isObject()
                || !line.path("exceptions").isArray()
                || !recorded.isTextual()) {
            return "the line lacks evidence, readback, exceptions or the decision's inputDigest";
        }
        List<JsonNode> exceptions = new ArrayList<>();
        line.get("exceptions").forEach(exceptions::add);
        EvaluationInput input;
        try {
            input = dev.gatehouse.internal.InputReading.fromTrees(
                    line.get("evidence"),
                    label + " evidence",
                    line.get("readback"),
                    label + " readback",
                    exceptions,
                    label + " exceptions");
        } catch (dev.gatehouse.InvalidInputException e) {
            return "its inputs are not valid: " + e.diagnostics().get(0).format();
        }
        String actual = dev.gatehouse.PolicyEngine.inputDigest(input);
        return actual.equals(recorded.asText())
                ? null
                : "its inputs hash to " + actual + ", not to the decision's inputDigest " + recorded.asText();
    }

    /** Reads every line back (verify first: this does not check the chain). */
    public static List<Entry> read(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode t;
            try {
                t = dev.gatehouse.internal.json.Json.strict().readTree(lines.get(i));
            } catch (IOException e) {
                throw new IOException(file + ":" + (i + 1) + ": the line is not JSON", e);
            }
            if (t == null
                    || !t.isObject()
                    || !t.path("evidence").isObject()
                    || !t.path("readback").isObject()
                    || !t.path("exceptions").isArray()
                    || !t.path("at").isTextual()) {
                throw new IOException(
                        file + ":" + (i + 1) + ": not a decision log line (needs at, evidence, readback, exceptions)");
            }
            List<JsonNode> xs = new ArrayList<>();
            ((ArrayNode) t.get("exceptions")).forEach(xs::add);
            Instant at;
            try {
                at = Instant.parse(t.get("at").asText());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IOException(file + ":" + (i + 1) + ": at is not an instant", e);
            }
            out.add(new Entry(
                    i + 1, (ObjectNode) t.get("evidence"), (ObjectNode) t.get("readback"), xs, at, t.path("decision")));
        }
        return out;
    }

    /** The length of the file up to and including its last newline (0 when it has none). */
    private static long completeLength(FileChannel ch, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long end = size;
        while (end > 0) {
            long from = Math.max(0, end - chunk.capacity());
            chunk.clear().limit((int) (end - from));
            int read = 0;
            while (chunk.hasRemaining()) {
                int r = ch.read(chunk, from + read);
                if (r < 0) {
                    break;
                }
                read += r;
            }
            for (int i = read - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            end = from;
        }
        return 0;
    }

    /** The last line of the first {@code size} bytes, which end with a newline; without that newline. */
    private static byte[] lastLine(FileChannel ch, long size) throws IOException {
        long end = size - 1;
        long start = completeLength(ch, end); // just after the newline before it, or 0
        ByteBuffer line = ByteBuffer.allocate((int) (end - start));
        while (line.hasRemaining()) {
            if (ch.read(line, start + line.position()) < 0) {
                break;
            }
        }
        return line.array();
    }

    /** The next line including its newline (the last may lack one), or null at the end. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            if (b == '\n') {
                return out.toByteArray();
            }
        }
        return out.size() == 0 ? null : out.toByteArray();
    }
}
