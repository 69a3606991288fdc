package dev.gatehouse.cli;

/** The command's exit codes, as promised to CI. */
public final class ExitCode {
    /** Eligible; or the command ran cleanly. */
    public static final int OK = 0;
    /** Not eligible; or checks found failures. */
    public static final int NOT_ELIGIBLE = 1;
    /** Bad input, bad usage, or rules that do not compile: diagnostics on stderr. */
    public static final int BAD_INPUT = 2;
    /** Gatehouse itself failed. */
    public static final int INTERNAL = 3;

    private ExitCode() {}
}
