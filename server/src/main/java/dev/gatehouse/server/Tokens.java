package dev.gatehouse.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bearer tokens a server accepts, as a file of token hashes: one line per token,
 * {@code sha256:<64 hex digits> <role> [name]}, where the hash is the sha256 of the token's UTF-8 bytes and the
 * role is {@code evaluate} or {@code review}; blank lines and lines starting with {@code #} are skipped. The
 * server never holds a token, only its hash, and compares a presented token's hash with every line's in constant
 * time ({@link MessageDigest#isEqual}), so neither the match nor its position leaks through timing.
 */
public final class Tokens {
    private static final Pattern LINE = Pattern.compile("^sha256:([0-9a-f]{64})\\s+(evaluate|review)(?:\\s+(\\S.*))?$");
    /** A bearer token longer than this is refused before hashing. */
    static final int MAX_TOKEN_LENGTH = 4096;

    static final int MAX_LINES = 10_000;

    /** One accepted token: its hash, role and optional name (for people reading the file). */
    @SuppressWarnings("ArrayRecordComponent") // compared only with MessageDigest.isEqual, never as values
    record Entry(byte[] hash, Role role, String name) {}

    private final List<Entry> entries;

    private Tokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads a tokens file. Throws {@link IllegalArgumentException} naming {@code file:line} for a line that is not
     * a token hash with a role, and for a file with no token at all (a server that asks for tokens and accepts none
     * is a mistake, not a locked door).
     */
    public static Tokens read(Path file) throws IOException {
        if (Files.size(file) > 1 << 20) {
            throw new IllegalArgumentException(file + ": the tokens file is larger than 1 MiB");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException(file + ": more than " + MAX_LINES + " lines");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(file + ":" + (i + 1)
                        + ": expected 'sha256:<64 lowercase hex digits> evaluate|review [name]' (the sha256 of the token, "
                        + "never the token itself)");
            }
            entries.add(new Entry(
                    HexFormat.of().parseHex(m.group(1)),
                    Role.valueOf(m.group(2).toUpperCase(java.util.Locale.ROOT)),
                    m.group(3)));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + ": no token in the file");
        }
        return new Tokens(entries);
    }

    /** The line a tokens file holds for {@code token} with {@code role} (how {@code gatehouse serve} docs make one). */
    public static String line(String token, Role role) {
        return "sha256:" + HexFormat.of().formatHex(sha256(token)) + " " + role.wire();
    }

    /**
     * The role of a presented token, or empty when it is none of the file's. Every line is compared, whatever
     * matched before, each in constant time.
     */
    Optional<Role> roleOf(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] hash = sha256(token);
        Role found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.hash(), hash) && found == null) {
                found = e.role();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
