package dev.gatehouse.internal;

import dev.gatehouse.internal.load.InputDocument;
import dev.gatehouse.internal.load.Locations;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The files of one evaluation and where each field is in them, so that reports can point at the
 * line and column of a violation's evidence: the evidence, the readback, and each exception file
 * by exception id. Built by {@code Inputs.readLocated}; {@link #of(String)} for inputs that come
 * from no file (every field at 1:1).
 */
public record Sources(Source evidence, Source readback, Map<String, Source> exceptions) {
    public Sources {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(readback, "readback");
        exceptions = Map.copyOf(exceptions);
    }

    /** One file as the caller named it (a path), and where each pointer is in it. */
    public record Source(String file, Locations locations) {
        public Source {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(locations, "locations");
        }

        /** A file whose positions are unknown. */
        public static Source of(String file) {
            return new Source(file, Locations.NONE);
        }
    }

    /** Evidence and readback files without positions, and no exception files. */
    public static Sources of(String evidence, String readback) {
        return new Sources(Source.of(evidence), Source.of(readback), Map.of());
    }

    /** Evidence-only: every pointer is reported against this one file, at 1:1. */
    public static Sources of(String evidence) {
        return of(evidence, evidence);
    }

    /** Where a violation's evidence is: the file its pointer is in, and the line and column there. */
    public record Place(String file, InputDocument document, int line, int column) {}

    /**
     * The place of a pointer. Its first segment names the document (evidence or readback); an
     * exception's pointer is in the file of the exception named by {@code exceptionId} (the
     * subject of a violation about an exception). A pointer the document does not hold is placed
     * at its nearest ancestor; an unknown document or exception file falls back to the evidence
     * file at 1:1.
     */
    public Place place(String pointer, String exceptionId) {
        InputDocument doc = InputDocument.of(pointer);
        Source source = evidence;
        boolean unknownException = false;
        if (doc == InputDocument.READBACK) {
            source = readback;
        } else if (doc == InputDocument.EXCEPTION && exceptionId != null && exceptions.containsKey(exceptionId)) {
            source = exceptions.get(exceptionId);
        } else if (doc == InputDocument.EXCEPTION) {
            unknownException = true; // no document of its own: point at the start of the evidence
        } else if (doc == null) {
            doc = InputDocument.EVIDENCE;
        }
        Locations.Position p =
                unknownException ? Locations.Position.START : source.locations().of(pointer);
        return new Place(source.file(), doc, p.line(), p.column());
    }

    /**
     * The same sources with every absolute file under {@code base} named relative to it (what code
     * scanning needs: paths relative to the checkout). Other files are kept as they are.
     */
    public Sources relativeTo(Path base) {
        Path b = base.toAbsolutePath().normalize();
        Map<String, Source> xs = new TreeMap<>();
        exceptions.forEach((id, s) -> xs.put(id, relative(s, b)));
        return new Sources(relative(evidence, b), relative(readback, b), xs);
    }

    private static Source relative(Source s, Path base) {
        Path p = Path.of(s.file());
        if (!p.isAbsolute()) {
            return s;
        }
        Path n = p.normalize();
        return n.startsWith(base) && !n.equals(base)
                ? new Source(base.relativize(n).toString(), s.locations())
                : s;
    }
}
