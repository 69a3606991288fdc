package dev.gatehouse.model;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import java.util.regex.Pattern;

/**
 * The canonical form of a person's identity in the contract ({@code release.author},
 * {@code approvals[].by}, {@code requestedBy}, {@code approvedBy[]}): a directory handle such as
 * {@code p.ramaswamy}.
 *
 * <p>An identity is canonical when it
 * <ul>
 *   <li>is 1 to {@value #MAX_LENGTH} code points long,
 *   <li>starts with a letter or digit and otherwise holds only letters, combining marks, decimal
 *       digits, {@code .}, {@code _} and {@code -} (so no whitespace, control, format or other
 *       invisible character, no upper-case or title-case letter, no {@code @} or {@code +}), and
 *   <li>is its own NFKC_Casefold (Unicode case folding and compatibility normalization, which also
 *       removes default-ignorable code points): no full-width, ligature, mathematical or other
 *       compatibility spelling, no upper case, nothing invisible.
 * </ul>
 * The first two rules are {@link Formats#IDENTITY}, which the JSON Schema carries; the third is
 * not expressible as a pattern, and both validation layers check it (the schema layer through
 * {@link #problem}, Bean Validation through {@link CanonicalIdentity}). Two canonical identities
 * that look alike (Latin {@code a} and Cyrillic {@code а}) are still different strings: whether
 * they are one person is decided by their confusable skeletons when the facts are built.
 */
public final class Identities {
    /** The most code points an identity may have. */
    public static final int MAX_LENGTH = Formats.IDENTITY_MAX_LENGTH;

    /** What the rule says, for messages and the schema's description. */
    public static final String RULE = "lower-case, no spaces or invisible characters";

    /** The schema's description of an identity field. */
    public static final String DESCRIPTION = "A person's identity in canonical form: 1 to " + MAX_LENGTH
            + " characters, starting with a letter or digit, holding only lower-case or uncased letters, combining marks,"
            + " decimal digits, '.', '_' and '-' (no spaces, no control, format or other invisible characters),"
            + " and equal to its own Unicode NFKC_Casefold (no full-width or other compatibility spelling)."
            + " The pattern checks the characters; Gatehouse also checks the normalization."
            + " Identities whose Unicode TR39 confusable skeletons match count as one person.";

    private static final Pattern CHARACTERS = Pattern.compile(Formats.IDENTITY);
    private static final Pattern FIRST = Pattern.compile("[" + Formats.IDENTITY_FIRST + "]");
    private static final Pattern REST = Pattern.compile("[" + Formats.IDENTITY_REST + "]");
    private static final Normalizer2 NFKC_CF = Normalizer2.getNFKCCasefoldInstance();

    private Identities() {}

    /** True when {@code s} is a canonical identity. */
    public static boolean isCanonical(String s) {
        return s != null
                && CHARACTERS.matcher(s).matches()
                && NFKC_CF.normalize(s).equals(s);
    }

    /**
     * The canonical spelling {@code s} most likely means: NFKC_Casefold with whitespace, control and
     * format characters removed. It may still not be canonical (a character outside the allowed set).
     */
    public static String canonical(String s) {
        String folded = NFKC_CF.normalize(s);
        StringBuilder b = new StringBuilder(folded.length());
        folded.codePoints().filter(cp -> !invisible(cp)).forEach(b::appendCodePoint);
        return NFKC_CF.normalize(b);
    }

    /**
     * Why {@code s} is not canonical, as a diagnostic message:
     * {@code must be a canonical identity (lower-case, no spaces or invisible characters): "P.Ramaswamy" -> "p.ramaswamy"}.
     */
    public static String problem(String s) {
        String head = "must be a canonical identity (" + RULE + "): " + quote(s);
        int length = s.codePointCount(0, s.length());
        if (length > MAX_LENGTH * 4) {
            return "must be a canonical identity (" + RULE + "), at most " + MAX_LENGTH + " characters, not " + length;
        }
        String c = canonical(s);
        if (!c.equals(s) && isCanonical(c)) {
            return head + " -> " + quote(c);
        }
        int cc = c.codePointCount(0, c.length());
        if (cc > MAX_LENGTH) {
            return head + " has " + length + " characters, at most " + MAX_LENGTH;
        }
        if (cc == 0) {
            return head + " has no visible character";
        }
        int first = c.codePointAt(0);
        if (!FIRST.matcher(new String(Character.toChars(first))).matches()) {
            return head + " starts with " + describe(first) + ", not a letter or digit";
        }
        for (int i = 0; i < c.length(); ) {
            int cp = c.codePointAt(i);
            if (!REST.matcher(new String(Character.toChars(cp))).matches()) {
                return head + " holds " + describe(cp) + "; allowed are letters, digits, '.', '_' and '-'";
            }
            i += Character.charCount(cp);
        }
        return head;
    }

    /** {@code s} in double quotes, with quotes, backslashes and every invisible character escaped. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        int shown = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (++shown > MAX_LENGTH + 16) {
                b.append("...");
                break;
            }
            if (cp == '"' || cp == '\\') {
                b.append('\\').appendCodePoint(cp);
            } else if (cp != ' '
                    && (invisible(cp)
                            || UCharacter.getType(cp) == UCharacter.UNASSIGNED
                            || UCharacter.getType(cp) == UCharacter.SURROGATE
                            || UCharacter.getType(cp) == UCharacter.PRIVATE_USE)) {
                b.append(cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\u{%X}", cp));
            } else {
                b.appendCodePoint(cp);
            }
        }
        return b.append('"').toString();
    }

    private static String describe(int cp) {
        String shown = cp == '\'' ? "\\'" : new String(Character.toChars(cp));
        return "'" + shown + "' (U+" + String.format("%04X", cp) + ")";
    }

    /** Whitespace, control, format, line or paragraph separators, and default-ignorable code points. */
    static boolean invisible(int cp) {
        int type = UCharacter.getType(cp);
        return UCharacter.isUWhiteSpace(cp)
                || type == UCharacter.CONTROL
                || type == UCharacter.FORMAT
                || type == UCharacter.LINE_SEPARATOR
                || type == UCharacter.PARAGRAPH_SEPARATOR
                || type == UCharacter.SPACE_SEPARATOR
                || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }
}
