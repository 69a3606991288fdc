package dev.gatehouse.cli;

/** The command was used wrongly in a way picocli cannot see (e.g. a file that cannot be written). */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
