package dev.gatehouse.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * Something a user must fix: a bad input field, a rule that does not compile, a lint finding.
 * Inputs are located by JSON Pointer, rule files by line and column (1-based; 0 when unknown).
 *
 * @param code the wire name of a {@link DiagnosticCode} (such as {@code rule-compile-error}), stable, and
 *     documented under {@code docs/errors/}; {@link #diagnosticCode()} gives the enum
 * @param severity error or warning
 * @param message plain-words description of the problem
 * @param file the file as the user named it, or a label such as {@code <evidence>} for Java values
 * @param line 1-based line, 0 when not known
 * @param column 1-based column, 0 when not known
 * @param pointer RFC 6901 JSON Pointer of the offending field, or null for rule files
 * @param note a second line for people, or null: what a tool said in its own words (such as
 *     {@code drools: Unable to Analyse Expression ...}) behind a message that says it in ours. It is
 *     never part of {@link #format()} (one line, for tools and reports); {@link #formatWithNote()}
 *     prints it indented on the next line.
 */
public record Diagnostic(
        String code,
        Severity severity,
        String message,
        String file,
        int line,
        int column,
        String pointer,
        String note) {

    /** How bad a diagnostic is. Only errors stop an evaluation. */
    public enum Severity {
        ERROR,
        WARNING
    }

    public static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::file)
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(d -> Objects.requireNonNullElse(d.pointer(), ""), Diagnostic::comparePointers)
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        if (DiagnosticCode.ofWire(code).isEmpty()) {
            throw new IllegalArgumentException("not a diagnostic code: " + code);
        }
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(file, "file");
        if (note != null) {
            note = note.strip().replaceAll("\\s*\\R\\s*", " ");
            note = note.isEmpty() ? null : note;
        }
    }

    /** A diagnostic without a note. */
    public Diagnostic(
            DiagnosticCode code, Severity severity, String message, String file, int line, int column, String pointer) {
        this(code.wire(), severity, message, file, line, column, pointer, null);
    }

    /** The code as the enum; {@link #code()} is its wire name. */
    public DiagnosticCode diagnosticCode() {
        return DiagnosticCode.ofWire(code).orElseThrow();
    }

    /** Whether this diagnostic has that code. */
    public boolean is(DiagnosticCode other) {
        return code.equals(other.wire());
    }

    /** This diagnostic with {@code note} as its second line. */
    public Diagnostic withNote(String note) {
        return new Diagnostic(code, severity, message, file, line, column, pointer, note);
    }

    /** This diagnostic in another file (e.g. named relative to a folder), note kept. */
    public Diagnostic inFile(String otherFile) {
        return new Diagnostic(code, severity, message, otherFile, line, column, pointer, note);
    }

    /** An error in an input document, at a JSON Pointer. */
    public static Diagnostic input(DiagnosticCode code, String file, String pointer, String message) {
        return new Diagnostic(code, Severity.ERROR, message, file, 0, 0, pointer);
    }

    /** An error in an input document at a text position (syntax errors, before any pointer exists). */
    public static Diagnostic inputAt(DiagnosticCode code, String file, int line, int column, String message) {
        return new Diagnostic(code, Severity.ERROR, message, file, line, column, null);
    }

    /** An error in a rule file or table at a position. */
    public static Diagnostic rule(DiagnosticCode code, String file, int line, int column, String message) {
        return new Diagnostic(code, Severity.ERROR, message, file, line, column, null);
    }

    /**
     * The one-line form: {@code file: /json/pointer: message} for input fields,
     * {@code file:line:col: code: message} for positions in a file, and {@code file: code: message}
     * for a whole file.
     */
    public String format() {
        if (pointer != null) {
            return file + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + message;
        }
        if (line <= 0) {
            return file + ": " + code + ": " + message;
        }
        return file + ":" + line + ":" + column + ": " + code + ": " + message;
    }

    /**
     * {@link #format()}, followed, when there is a note, by a continuation line: two spaces and the
     * note ({@code "  drools: ..."}). A reader that wants one line per diagnostic skips lines that start
     * with a space; no other line does.
     */
    public String formatWithNote() {
        return note == null ? format() : format() + "\n  " + note;
    }

    @Override
    public String toString() {
        return format();
    }

    /** Orders pointers segment by segment, numbers numerically, so /a/2 comes before /a/10. */
    private static int comparePointers(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareSegments(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareSegments(String a, String b) {
        if (a.matches("\\d{1,9}") && b.matches("\\d{1,9}")) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return a.compareTo(b);
    }
}
