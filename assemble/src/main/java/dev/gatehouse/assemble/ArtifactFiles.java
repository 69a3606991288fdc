package dev.gatehouse.assemble;

import static dev.gatehouse.model.DiagnosticCode.INPUT_TOO_LARGE;
import static dev.gatehouse.model.DiagnosticCode.UNREADABLE_FILE;

import dev.gatehouse.InputLimits;
import dev.gatehouse.internal.load.Sizes;
import dev.gatehouse.model.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads artifact files within limits: only regular files, each no larger than the per-input limit,
 * all of one assembly together no larger than the total limit. A file over a limit is not read.
 */
final class ArtifactFiles {
    private final InputLimits limits;
    private long used;

    ArtifactFiles(InputLimits limits) {
        this.limits = limits;
    }

    InputLimits limits() {
        return limits;
    }

    /** The bytes of {@code path}, or null after adding the reason to {@code problems}. */
    byte[] read(Path path, String label, Problems problems) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            problems.add(Diagnostic.inputAt(UNREADABLE_FILE, label, 0, 0, "cannot read the file: it does not exist"));
            return null;
        } catch (IOException e) {
            problems.add(Diagnostic.inputAt(UNREADABLE_FILE, label, 0, 0, "cannot read the file: " + e.getMessage()));
            return null;
        }
        if (attrs.isDirectory()) {
            problems.add(Diagnostic.inputAt(UNREADABLE_FILE, label, 0, 0, "is a folder, not a file"));
            return null;
        }
        if (!attrs.isRegularFile()) {
            problems.add(Diagnostic.inputAt(
                    UNREADABLE_FILE,
                    label,
                    0,
                    0,
                    "is not a regular file; only regular files are read (it was not opened)"));
            return null;
        }
        long cap = Math.min(limits.maxInputBytes(), limits.maxTotalBytes() - used);
        if (attrs.size() > cap) {
            problems.add(tooLarge(label, attrs.size()));
            return null;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        } catch (IOException e) {
            problems.add(Diagnostic.inputAt(UNREADABLE_FILE, label, 0, 0, "cannot read the file: " + e.getMessage()));
            return null;
        }
        if (bytes.length > cap) {
            problems.add(tooLarge(label, bytes.length));
            return null;
        }
        used += bytes.length;
        return bytes;
    }

    private Diagnostic tooLarge(String label, long size) {
        if (size > limits.maxInputBytes()) {
            return Diagnostic.inputAt(
                    INPUT_TOO_LARGE,
                    label,
                    0,
                    0,
                    "is " + Sizes.format(size) + ", larger than the limit of " + Sizes.format(limits.maxInputBytes())
                            + " for one input (--max-input-size); it was not parsed");
        }
        return Diagnostic.inputAt(
                INPUT_TOO_LARGE,
                label,
                0,
                0,
                "would take the inputs past the limit of " + Sizes.format(limits.maxTotalBytes())
                        + " in all (--max-total-input-size); it was not parsed");
    }
}
