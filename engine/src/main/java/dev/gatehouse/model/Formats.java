package dev.gatehouse.model;

/** The textual formats of the contract, named once: patterns and the message shown when they fail. */
public final class Formats {
    public static final String API_VERSION = "^gatehouse/v1$";
    public static final String API_VERSION_MESSAGE = "must be gatehouse/v1";
    public static final String DIGEST = "^sha256:[0-9a-f]{64}$";
    public static final String DIGEST_MESSAGE = "must be sha256:<64 hex>";
    public static final String COMMIT = "^[0-9a-f]{40}$";
    public static final String COMMIT_MESSAGE = "must be a commit: 40 lower-case hex characters";
    /**
     * RFC 3339: optional fraction of a second, and "Z" or any offset ({@code +00:00}, as Python's
     * isoformat writes it, or {@code +02:00}); the value is the instant, normalised to UTC when read.
     */
    public static final String INSTANT =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$";

    public static final String INSTANT_MESSAGE =
            "must be an RFC 3339 instant such as 2026-11-28T12:00:00Z or 2026-11-28T13:00:00+01:00";
    public static final String NOT_BLANK = "^[\\s\\S]*\\S[\\s\\S]*$";
    public static final String NOT_BLANK_MESSAGE = "must not be blank";
    /** The letters and digits an identity may start with (a regular-expression character class body). */
    public static final String IDENTITY_FIRST = "\\p{Ll}\\p{Lm}\\p{Lo}\\p{Nd}";
    /** The characters an identity may hold after the first. */
    public static final String IDENTITY_REST = IDENTITY_FIRST + "\\p{Mn}\\p{Mc}._-";

    public static final int IDENTITY_MAX_LENGTH = 64;
    /** The characters of a canonical identity; {@link Identities} has the whole rule. */
    public static final String IDENTITY = "^[" + IDENTITY_FIRST + "][" + IDENTITY_REST + "]{0,63}$";

    public static final String IDENTITY_MESSAGE = "must be a canonical identity (" + Identities.RULE + ")";

    private Formats() {}

    /** The plain-words message for a failed pattern, for the patterns of this contract. */
    public static String messageFor(String pattern) {
        return switch (pattern) {
            case API_VERSION -> API_VERSION_MESSAGE;
            case DIGEST -> DIGEST_MESSAGE;
            case COMMIT -> COMMIT_MESSAGE;
            case INSTANT -> INSTANT_MESSAGE;
            case NOT_BLANK -> NOT_BLANK_MESSAGE;
            case IDENTITY -> IDENTITY_MESSAGE;
            default -> "must match " + pattern;
        };
    }
}
