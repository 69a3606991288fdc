package dev.gatehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Where reports and log lines go: a destination is checked before any work (exit 2: a missing
 * folder, a folder, or a file the command reads), and a write that fails is exit 3 (the result was
 * not delivered), never a silent exit 0.
 */
final class Outputs {
    private Outputs() {}

    /** A file the command reads, and how to name it in a message ("the evidence file"). */
    record Input(String what, Path path) {}

    /** The files one evaluation reads: evidence, readback, every file of the exceptions and rules folders. */
    static List<Input> inputs(BaseInputs in) {
        List<Input> out = new ArrayList<>();
        out.add(new Input("the evidence file", in.evidence));
        out.add(new Input("the readback file", in.readback));
        out.addAll(filesUnder("an exception file", in.exceptions, 1));
        out.addAll(filesUnder("a rulebase file", in.rules, Integer.MAX_VALUE));
        return out;
    }

    /** The regular files under a folder (none when it is null or not a folder), to the given depth. */
    static List<Input> filesUnder(String what, Path folder, int depth) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder, depth)) {
            return files.filter(Files::isRegularFile)
                    .sorted()
                    .map(p -> new Input(what, p))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // the input's own loader reports an unreadable folder, with its diagnostic
        }
    }

    /**
     * Refuses (exit 2) a destination whose folder does not exist, that is a folder, or that is one of
     * the inputs (the same file after symlinks and hard links: Files.isSameFile compares the file itself).
     */
    static void checkDestination(String option, Path target, List<Input> inputs) {
        if (Files.isDirectory(target)) {
            throw new UsageException("cannot write " + option + " " + target + ": it is a folder");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException("cannot write " + option + " " + target + ": the folder " + parent
                    + (Files.exists(parent) ? " is not a folder" : " does not exist"));
        }
        if (!Files.exists(target)) {
            return; // a file that does not exist yet is none of the inputs
        }
        for (Input input : inputs) {
            if (input.path() != null && Files.exists(input.path()) && same(target, input.path())) {
                throw new UsageException(option + " " + target + " is " + input.what() + " " + input.path()
                        + ": refusing to overwrite an input");
            }
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes a report file whole; on failure empties it (a half report must not pass for one) and exits 3. */
    static void write(String option, Path target, String content) {
        try {
            Files.writeString(target, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            boolean emptied = false;
            if (Files.isRegularFile(target)) {
                try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
                    ch.truncate(0);
                    emptied = true;
                } catch (IOException ignored) {
                    // the message below says the report was not written either way
                }
            }
            throw new OutputFailure("the report could not be written to " + option + " " + target + ": " + reason(e)
                    + (emptied ? " (the file is left empty)" : ""));
        }
    }

    /** Prints a report on stdout and fails (exit 3) at once when stdout did not take it. */
    static void print(CommandLine.Model.CommandSpec spec, String content) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(content);
        out.flush();
        if (out.checkError()) {
            throw new OutputFailure(Main.stdoutFailure(out));
        }
    }

    /** The operating system's reason, without the path the message already names. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
