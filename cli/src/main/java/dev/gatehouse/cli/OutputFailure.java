package dev.gatehouse.cli;

/**
 * A report or a decision log line could not be written although the command ran (a full disk, a
 * closed stdout): exit 3, since the result was not delivered.
 */
final class OutputFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputFailure(String message) {
        super(message);
    }
}
