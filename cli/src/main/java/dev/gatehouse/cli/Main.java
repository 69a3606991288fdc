package dev.gatehouse.cli;

import dev.gatehouse.EvaluationException;
import dev.gatehouse.GatehouseException;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.model.Diagnostic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point: {@code gatehouse <command> ...}. */
@Command(
        name = "gatehouse",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Decides whether a release may be promoted, how far into production, and which exceptions apply.",
        subcommands = {EvaluateCommand.class, CheckCommand.class, TestCommand.class, WhatifCommand.class,
            ReplayCommand.class, LogCommand.class, SchemaCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:eligible (or the command ran cleanly)",
            "1:not eligible",
            "2:bad input, bad usage or rules that do not compile",
            "3:internal error"
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Hibernate Validator logs through JBoss Logging; route it to SLF4J, which the command binds to nothing.
        System.setProperty("org.jboss.logging.provider", "slf4j");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given streams and returns the exit code (for tests and embedding). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("gatehouse: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> report(ex, c.getErr()));
        return cl;
    }

    /** Turns a failure into stderr lines and an exit code: diagnostics are 2, anything else 3. */
    static int report(Exception ex, PrintWriter err) {
        if (ex instanceof EvaluationException) {
            err.println("gatehouse: the rules could not decide: " + ex.getMessage());
            return ExitCode.INTERNAL;
        }
        if (ex instanceof GatehouseException g) {
            printDiagnostics(g.diagnostics(), err);
            String what = ex instanceof dev.gatehouse.RulebaseException ? "the rulebase does not compile" : "the input is invalid";
            err.println("gatehouse: " + what + " (" + count(g.diagnostics()) + "); no decision was made");
            return ExitCode.BAD_INPUT;
        }
        if (ex instanceof UsageException) {
            err.println("gatehouse: " + ex.getMessage());
            return ExitCode.BAD_INPUT;
        }
        StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        err.println("gatehouse: internal error: " + ex);
        err.print(trace);
        return ExitCode.INTERNAL;
    }

    static void printDiagnostics(List<Diagnostic> diagnostics, PrintWriter err) {
        diagnostics.stream().sorted(Diagnostic.ORDER).forEach(d -> err.println(d.format()));
    }

    private static String count(List<Diagnostic> diagnostics) {
        return diagnostics.size() + " problem" + (diagnostics.size() == 1 ? "" : "s");
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: evaluate, check, test, whatif, replay, log, schema");
    }

    /** The version, from the engine. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gatehouse " + PolicyEngine.version()};
        }
    }
}
