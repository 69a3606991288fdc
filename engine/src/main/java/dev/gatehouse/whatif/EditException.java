package dev.gatehouse.whatif;

/** An edit could not be applied to its document: the target is missing, an index is out of range, a test failed. */
final class EditException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pointer;

    EditException(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    String pointer() {
        return pointer;
    }
}
