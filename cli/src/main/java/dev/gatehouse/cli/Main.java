package dev.gatehouse.cli;

import dev.gatehouse.EvaluationException;
import dev.gatehouse.GatehouseException;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.model.Diagnostic;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The entry point: {@code gatehouse <command> ...}. */
@Command(
        name = "gatehouse",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Decides whether a release may be promoted, how far into production, and which exceptions apply.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:eligible (or the command ran cleanly)",
            "1:not eligible",
            "2:bad input, bad usage or rules that do not compile",
            "3:internal error"
        })
public final class Main implements Runnable {
    /**
     * The subcommands, in the order help lists them. Added in code, not in the annotation, so that a run of one
     * subcommand builds only that one's picocli model (about 30-60 ms of a cold start, docs/performance.md); help,
     * suggestions and any other first word get them all.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            EvaluateCommand.class,
            AssembleCommand.class,
            CheckCommand.class,
            TestCommand.class,
            WhatifCommand.class,
            ReplayCommand.class,
            LogCommand.class,
            VerifyCommand.class,
            BundleCommand.class,
            SchemaCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class);
    /** The environment variable that, set to 1, prints the stack trace of an internal error. */
    static final String DEBUG_ENV = "GATEHOUSE_DEBUG";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--debug",
            scope = CommandLine.ScopeType.INHERIT,
            description = "on an internal error (exit 3), also print its stack trace (or set GATEHOUSE_DEBUG=1)")
    boolean debug;

    public static void main(String[] args) {
        int code = ExitCode.INTERNAL;
        try {
            // Hibernate Validator logs through JBoss Logging; route it to SLF4J, which the command binds to nothing.
            System.setProperty("org.jboss.logging.provider", "slf4j");
            boolean debug = "1".equals(System.getenv(DEBUG_ENV));
            PrintStream stderr = System.err;
            // A thread other than main that dies of anything ends the command with 3: nothing it did can be trusted.
            Thread.setDefaultUncaughtExceptionHandler((thread, t) -> {
                try {
                    stderr.println(
                            "gatehouse: internal error in thread " + thread.getName() + ": " + describe(t, debug));
                    if (debug) {
                        t.printStackTrace(stderr);
                    }
                    stderr.flush();
                } finally {
                    Runtime.getRuntime().halt(ExitCode.INTERNAL);
                }
            });
            // Reports are UTF-8 whatever the locale, and a failed write to stdout is seen (System.out swallows it).
            ReportOut out = new ReportOut(new FileOutputStream(FileDescriptor.out));
            PrintWriter err = new PrintWriter(
                    new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
            code = run(args, out, err, debug);
        } catch (Throwable t) {
            // Outside run (which catches everything): report if we still can, and exit 3 regardless.
            try {
                System.err.println("gatehouse: internal error: " + describe(t, false));
            } catch (Throwable ignored) {
                // nothing more can be said
            }
            code = ExitCode.INTERNAL;
        }
        System.exit(code);
    }

    /** Runs the command with the given streams and returns the exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, "1".equals(System.getenv(DEBUG_ENV)));
    }

    /**
     * Runs the command; {@code debugByEnv} as if GATEHOUSE_DEBUG=1 were set. Never throws: any
     * Throwable, Errors included, is one line on stderr and exit 3; a report that could not be
     * written to {@code out} turns exit 0 or 1 into 3.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, boolean debugByEnv) {
        CommandLine cl = null;
        int code;
        try {
            cl = commandLine(out, err, debugByEnv, args.length > 0 ? args[0] : null);
            code = cl.execute(args);
        } catch (Throwable t) {
            // picocli hands only Exceptions to the execution handler; Errors (OutOfMemoryError,
            // StackOverflowError, AssertionError...) come out of execute() and end here.
            code = reportSafely(t, err, debugByEnv || debugAsked(cl == null ? null : cl.getParseResult()));
        }
        if (code < ExitCode.BAD_INPUT && out.checkError()) {
            err.println("gatehouse: " + stdoutFailure(out));
            code = ExitCode.INTERNAL;
        }
        err.flush();
        return code;
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, false, null);
    }

    /** The command line; with {@code first} naming a subcommand (other than help), only that subcommand is built. */
    private static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean debugByEnv, String first) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = SUBCOMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class
                        && c.getAnnotation(Command.class).name().equals(first))
                .findFirst()
                .orElse(null);
        for (Class<?> sub : SUBCOMMANDS) {
            if (only == null || sub == only) {
                cl.addSubcommand(sub);
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("gatehouse: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler(
                (ex, c, parsed) -> reportSafely(ex, c.getErr(), debugByEnv || debugAsked(parsed)));
        return cl;
    }

    /** Whether --debug was given to the command or any of its subcommands. */
    private static boolean debugAsked(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Why stdout failed, as one clause: "the report could not be written to standard output: ...". */
    static String stdoutFailure(PrintWriter out) {
        IOException why = out instanceof ReportOut r ? r.failure() : null;
        return "the report could not be written to standard output"
                + (why == null ? "" : ": " + oneLine(why.getMessage()));
    }

    /** {@link #report}, and exit 3 even when reporting itself fails (e.g. out of memory again). */
    private static int reportSafely(Throwable ex, PrintWriter err, boolean debug) {
        try {
            return report(ex, err, debug);
        } catch (Throwable t) {
            return ExitCode.INTERNAL;
        }
    }

    /** Turns a failure into stderr lines and an exit code: diagnostics and usage are 2, anything else 3. */
    static int report(Throwable ex, PrintWriter err, boolean debug) {
        VirtualMachineError vm = vmError(ex);
        if (vm != null && vm != ex) {
            // Out of memory or stack wrapped by a library (e.g. reflection): name the cause, not the wrapper.
            err.println("gatehouse: internal error: " + describe(vm, debug));
            if (debug) {
                ex.printStackTrace(err);
            }
            return ExitCode.INTERNAL;
        }
        if (ex instanceof EvaluationException) {
            err.println("gatehouse: the rules could not decide: " + ex.getMessage());
            return ExitCode.INTERNAL;
        }
        if (ex instanceof GatehouseException g) {
            printDiagnostics(g.diagnostics(), err);
            String what = ex instanceof dev.gatehouse.RulebaseException
                    ? "the rulebase does not compile"
                    : "the input is invalid";
            err.println("gatehouse: " + what + " (" + count(g.diagnostics()) + "); no decision was made");
            return ExitCode.BAD_INPUT;
        }
        if (ex instanceof UsageException) {
            err.println("gatehouse: " + ex.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (ex instanceof OutputFailure) {
            err.println("gatehouse: " + ex.getMessage());
            return ExitCode.INTERNAL;
        }
        err.println("gatehouse: internal error: " + describe(ex, debug));
        if (debug) {
            ex.printStackTrace(err);
        }
        return ExitCode.INTERNAL;
    }

    /** The first VirtualMachineError (out of memory, stack overflow) in the cause chain, or null. */
    private static VirtualMachineError vmError(Throwable t) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (c instanceof VirtualMachineError v) {
                return v;
            }
        }
        return null;
    }

    /** One line: what failed, that nothing was decided, and (unless debugging) how to see the trace. */
    static String describe(Throwable t, boolean debug) {
        String what;
        if (t instanceof OutOfMemoryError) {
            what = "out of memory (" + t.getClass().getName() + message(t) + "); no decision was made: "
                    + "give the JVM more heap (-Xmx) or a smaller input";
        } else if (t instanceof StackOverflowError) {
            what = "stack overflow (" + t.getClass().getName() + "); no decision was made: a rule or an input "
                    + "nests or recurses too deeply for the thread stack (-Xss)";
        } else {
            what = t.getClass().getName() + message(t) + "; no decision was made";
        }
        return what + (debug ? "" : " (for the stack trace: --debug or " + DEBUG_ENV + "=1)");
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? "" : ": " + oneLine(t.getMessage());
    }

    private static String oneLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }

    static void printDiagnostics(List<Diagnostic> diagnostics, PrintWriter err) {
        diagnostics.stream().sorted(Diagnostic.ORDER).forEach(d -> err.println(d.formatWithNote()));
    }

    private static String count(List<Diagnostic> diagnostics) {
        return diagnostics.size() + " problem" + (diagnostics.size() == 1 ? "" : "s");
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "a command is required: evaluate, assemble, check, test, whatif, replay, log, verify, bundle, schema, serve");
    }

    /** The version, from the engine. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gatehouse " + PolicyEngine.version()};
        }
    }

    /** The command's stdout: UTF-8, and it remembers why a write failed (a PrintWriter only says that one did). */
    static final class ReportOut extends PrintWriter {
        private final Recording stream;

        ReportOut(OutputStream out) {
            this(new Recording(out));
        }

        private ReportOut(Recording stream) {
            super(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
            this.stream = stream;
        }

        /** The first write or flush failure, or null. */
        IOException failure() {
            return stream.failure;
        }

        private static final class Recording extends FilterOutputStream {
            IOException failure;

            Recording(OutputStream out) {
                super(out);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    remember(e);
                    throw e;
                }
            }

            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    remember(e);
                    throw e;
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    remember(e);
                    throw e;
                }
            }

            private void remember(IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }
}
