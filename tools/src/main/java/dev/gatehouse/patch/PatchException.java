package dev.gatehouse.patch;

/** A patch operation could not be applied to its document: the target is missing, an index is out of range, a test failed. */
public final class PatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pointer;

    public PatchException(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    /** Where: the pointer of the operation's target, or of the operation's field at fault. */
    public String pointer() {
        return pointer;
    }
}
