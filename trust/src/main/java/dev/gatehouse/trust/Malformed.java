package dev.gatehouse.trust;

/**
 * A file that cannot be read as what it should be (an envelope, a statement, a bundle, a manifest): the
 * caller's fault, exit 2. The message is {@code file: /json/pointer: what is wrong} (or {@code file: what is
 * wrong} when no pointer applies).
 */
public final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String pointer;
    private final String problem;

    public Malformed(String file, String pointer, String problem) {
        super(file + ": " + (pointer == null ? "" : (pointer.isEmpty() ? "/" : pointer) + ": ") + problem);
        this.file = file;
        this.pointer = pointer;
        this.problem = problem;
    }

    /** The file as given. */
    public String file() {
        return file;
    }

    /** The JSON Pointer of the problem ({@code ""} for the whole document), or null. */
    public String pointer() {
        return pointer;
    }

    /** What is wrong, without the file and pointer. */
    public String problem() {
        return problem;
    }
}
