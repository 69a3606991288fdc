package dev.gatehouse.internal.load;

import static dev.gatehouse.model.DiagnosticCode.INPUT_TOO_LARGE;
import static dev.gatehouse.model.DiagnosticCode.REFUSED_FILE;
import static dev.gatehouse.model.DiagnosticCode.SYNTAX_ERROR;
import static dev.gatehouse.model.DiagnosticCode.UNEXPECTED_FILE;
import static dev.gatehouse.model.DiagnosticCode.UNREADABLE_FILE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.model.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads documents into JSON trees, within limits: only regular files are opened, each input's
 * size is checked before it is opened and again while it is read, the bytes of one evaluation
 * are counted against a budget, and the parsers keep their own caps (document and string
 * length, number length, nesting depth, YAML code points). YAML is read as plain data only:
 * anchors, aliases, explicit tags and several documents in one file are rejected
 * ({@link YamlScreen}). Immutable and thread-safe.
 */
public final class DocumentReader {

    /** The longest string a document may hold (no contract field comes near it). */
    public static final int MAX_STRING_LENGTH = 1 << 20;
    /** The longest number, in characters (a long has 20). */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** The deepest nesting of objects and lists (the contract's documents nest 4 deep). */
    public static final int MAX_NESTING_DEPTH = 64;
    /** The longest field name. */
    public static final int MAX_NAME_LENGTH = 1024;

    private final int maxInputBytes;
    private final ObjectMapper json;
    private final ObjectMapper yaml;
    private final LoaderOptions yamlOptions;

    /** A reader that refuses any input larger than {@code maxInputBytes}. */
    public DocumentReader(int maxInputBytes) {
        if (maxInputBytes < 1) {
            throw new IllegalArgumentException("maxInputBytes must be positive, not " + maxInputBytes);
        }
        this.maxInputBytes = maxInputBytes;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxDocumentLength(maxInputBytes)
                .maxStringLength(Math.min(MAX_STRING_LENGTH, maxInputBytes))
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .build();
        yamlOptions = yamlOptions(maxInputBytes);
        JsonFactory jsonFactory =
                JsonFactory.builder().streamReadConstraints(constraints).build();
        YAMLFactory yamlFactory = YAMLFactory.builder()
                .loaderOptions(yamlOptions(maxInputBytes))
                .streamReadConstraints(constraints)
                .build();
        json = JsonMapper.builder(jsonFactory)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        yaml = YAMLMapper.builder(yamlFactory)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** SnakeYAML's own caps: code points (at most one per byte), nesting, no aliases, no duplicate keys. */
    static LoaderOptions yamlOptions(int maxInputBytes) {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(maxInputBytes);
        o.setNestingDepthLimit(MAX_NESTING_DEPTH);
        o.setMaxAliasesForCollections(0);
        o.setAllowDuplicateKeys(false);
        o.setAllowRecursiveKeys(false);
        o.setProcessComments(false);
        return o;
    }

    /** The size limit of one input, in bytes. */
    public int maxInputBytes() {
        return maxInputBytes;
    }

    /** The result of reading: a document, or the diagnostics that stopped it. */
    public record Result(Document document, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * The bytes all inputs of one evaluation may still take. Not thread-safe: one per evaluation.
     */
    public static final class Budget {
        private final long limit;
        private long used;

        public Budget(long limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("the total input limit must be positive, not " + limit);
            }
            this.limit = limit;
        }

        /** A budget that never runs out (for one document read on its own). */
        public static Budget unlimited() {
            return new Budget(Long.MAX_VALUE);
        }

        long remaining() {
            return limit - used;
        }

        long limit() {
            return limit;
        }

        void spend(long bytes) {
            used += bytes;
        }
    }

    /** Reads a JSON document from a file, labelled with {@code label} in diagnostics. */
    public Result readJson(Path path, String label, Budget budget) {
        return read(path, label, false, budget, false);
    }

    /** Reads a YAML or JSON document from a file, by its extension. */
    public Result readJsonOrYaml(Path path, String label, Budget budget) {
        return read(path, label, !isJsonName(path), budget, false);
    }

    /** Reads one exception file found by {@link #listExceptions}; a symlink in the path is not followed. */
    public Result readListed(ExceptionFile file, Budget budget) {
        return read(file.open(), file.label(), !isJsonName(file.path()), budget, true);
    }

    /** Parses JSON bytes, labelled {@code label}. */
    public Result parseJson(byte[] bytes, String label) {
        return parseBytes(bytes, label, false);
    }

    /** Parses YAML bytes, labelled {@code label}. */
    public Result parseYaml(byte[] bytes, String label) {
        return parseBytes(bytes, label, true);
    }

    private Result parseBytes(byte[] bytes, String label, boolean isYaml) {
        if (bytes.length > maxInputBytes) {
            return failed(Diagnostic.inputAt(
                    INPUT_TOO_LARGE,
                    label,
                    0,
                    0,
                    "is " + Sizes.format(bytes.length) + ", larger than the limit of " + Sizes.format(maxInputBytes)
                            + " for one input (--max-input-size)"));
        }
        return parse(bytes, label, isYaml);
    }

    private static boolean isJsonName(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /** One exception file of a folder: the path to open, and the name diagnostics give it. */
    public record ExceptionFile(Path path, Path open, String label) {}

    /** The exception files of a folder, or the diagnostics of the entries that are not exception files. */
    public record Listing(List<ExceptionFile> files, List<Diagnostic> diagnostics) {
        public Listing {
            files = List.copyOf(files);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** The placeholder git users keep in an empty folder; never read. */
    public static final String GITKEEP = ".gitkeep";

    /**
     * Lists the exception files of a folder, sorted by name. Every entry must be an exception file:
     * a regular file named {@code *.yaml}, {@code *.yml} or {@code *.json} (any case), or a symlink
     * to one inside the folder. Anything else is a diagnostic, never skipped in silence: a subfolder,
     * a hidden file, another name, a named pipe or device (never opened), a symlink that leads
     * outside the folder (never followed) or nowhere. The one entry ignored is {@code .gitkeep}.
     * A folder with more than {@code maxEntries} entries is refused before any is read.
     */
    public static Listing listExceptions(Path dir, int maxEntries) {
        String dirLabel = dir.toString();
        Path realDir;
        List<Path> entries = new ArrayList<>();
        try {
            realDir = dir.toRealPath();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path p : s) {
                    if (entries.size() >= maxEntries) {
                        return new Listing(
                                List.of(),
                                List.of(Diagnostic.inputAt(
                                        INPUT_TOO_LARGE,
                                        dirLabel,
                                        0,
                                        0,
                                        "holds more than " + maxEntries
                                                + " entries, the limit of exception files for one evaluation"
                                                + " (--max-exception-files); none was read")));
                    }
                    entries.add(p);
                }
            }
        } catch (IOException e) {
            return new Listing(
                    List.of(),
                    List.of(Diagnostic.inputAt(
                            UNREADABLE_FILE, dirLabel, 0, 0, "cannot list the exceptions folder: " + e.getMessage())));
        }
        entries.sort(null);
        List<ExceptionFile> files = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            String label = entry.toString();
            if (name.equals(GITKEEP)) {
                continue;
            }
            try {
                BasicFileAttributes own =
                        Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Path open = entry;
                BasicFileAttributes attrs = own;
                if (own.isSymbolicLink()) {
                    Path target = Files.readSymbolicLink(entry);
                    Path real;
                    try {
                        real = entry.toRealPath();
                    } catch (NoSuchFileException e) {
                        problems.add(Diagnostic.inputAt(
                                UNREADABLE_FILE,
                                label,
                                0,
                                0,
                                "is a symlink to " + target
                                        + ", which does not exist (a dangling symlink is not skipped)"));
                        continue;
                    }
                    if (!real.startsWith(realDir) || real.equals(realDir)) {
                        problems.add(Diagnostic.inputAt(
                                REFUSED_FILE,
                                label,
                                0,
                                0,
                                "is a symlink that leads outside the exceptions folder (to " + target
                                        + "); it is not followed: put the exception file itself in the folder"));
                        continue;
                    }
                    open = real;
                    attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                }
                if (attrs.isDirectory()) {
                    problems.add(
                            Diagnostic.inputAt(
                                    UNEXPECTED_FILE,
                                    label,
                                    0,
                                    0,
                                    "is a folder: exceptions are read from the exceptions"
                                            + " folder itself, not from subfolders; move its exception files up, or the folder out"));
                } else if (!attrs.isRegularFile()) {
                    problems.add(Diagnostic.inputAt(
                            UNREADABLE_FILE,
                            label,
                            0,
                            0,
                            "is " + Sizes.kindOf(open) + ", not a regular file; it is not opened"));
                } else if (name.startsWith(".")) {
                    problems.add(Diagnostic.inputAt(
                            UNEXPECTED_FILE,
                            label,
                            0,
                            0,
                            "is a hidden file: the exceptions folder holds only"
                                    + " exception files (*.yaml, *.yml, *.json); rename it or move it out"));
                } else if (!isExceptionName(name)) {
                    problems.add(Diagnostic.inputAt(
                            UNEXPECTED_FILE,
                            label,
                            0,
                            0,
                            "is not named *.yaml, *.yml or *.json: the exceptions"
                                    + " folder holds only exception files; rename it or move it out"));
                } else {
                    files.add(new ExceptionFile(entry, open, label));
                }
            } catch (IOException e) {
                problems.add(
                        Diagnostic.inputAt(UNREADABLE_FILE, label, 0, 0, "cannot read the file: " + e.getMessage()));
            }
        }
        return new Listing(files, problems);
    }

    private static boolean isExceptionName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private Result read(Path path, String label, boolean isYaml, Budget budget, boolean noFollow) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(path)) {
                String target;
                try {
                    target = Files.readSymbolicLink(path).toString();
                } catch (IOException x) {
                    target = "a path";
                }
                return failed(Diagnostic.inputAt(
                        UNREADABLE_FILE, label, 0, 0, "is a symlink to " + target + ", which does not exist"));
            }
            return failed(Diagnostic.inputAt(UNREADABLE_FILE, label, 0, 0, "cannot read the file: it does not exist"));
        } catch (IOException e) {
            return failed(Diagnostic.inputAt(UNREADABLE_FILE, label, 0, 0, "cannot read the file: " + e.getMessage()));
        }
        if (attrs.isDirectory()) {
            return failed(Diagnostic.inputAt(UNREADABLE_FILE, label, 0, 0, "is a folder, not a file"));
        }
        if (!attrs.isRegularFile()) {
            return failed(Diagnostic.inputAt(
                    UNREADABLE_FILE,
                    label,
                    0,
                    0,
                    "is " + Sizes.kindOf(path)
                            + ", not a regular file; only regular files are read (it was not opened)"));
        }
        Diagnostic tooLarge = tooLarge(label, attrs.size(), budget);
        if (tooLarge != null) {
            return failed(tooLarge);
        }
        byte[] bytes;
        long cap = Math.min(maxInputBytes, budget.remaining());
        Set<OpenOption> options =
                noFollow ? Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS) : Set.of(StandardOpenOption.READ);
        try (SeekableByteChannel ch = Files.newByteChannel(path, options);
                InputStream in = Channels.newInputStream(ch)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        } catch (NoSuchFileException e) {
            return failed(Diagnostic.inputAt(UNREADABLE_FILE, label, 0, 0, "cannot read the file: it does not exist"));
        } catch (IOException e) {
            return failed(Diagnostic.inputAt(UNREADABLE_FILE, label, 0, 0, "cannot read the file: " + e.getMessage()));
        }
        if (bytes.length > cap) {
            // The file grew between the check and the read (or reported a wrong size): still refused.
            Diagnostic grown = tooLarge(label, bytes.length, budget);
            return failed(
                    grown != null
                            ? grown
                            : Diagnostic.inputAt(INPUT_TOO_LARGE, label, 0, 0, "is larger than the limit"));
        }
        budget.spend(bytes.length);
        return parse(bytes, label, isYaml);
    }

    private Diagnostic tooLarge(String label, long size, Budget budget) {
        if (size > maxInputBytes) {
            return Diagnostic.inputAt(
                    INPUT_TOO_LARGE,
                    label,
                    0,
                    0,
                    "is " + Sizes.format(size) + ", larger than the limit of " + Sizes.format(maxInputBytes)
                            + " for one input (--max-input-size); it was not parsed");
        }
        if (size > budget.remaining()) {
            return Diagnostic.inputAt(
                    INPUT_TOO_LARGE,
                    label,
                    0,
                    0,
                    "would take the inputs of this evaluation past the limit of " + Sizes.format(budget.limit())
                            + " in all (--max-total-input-size); it was not parsed");
        }
        return null;
    }

    private Result parse(byte[] bytes, String label, boolean isYaml) {
        if (isYaml) {
            List<Diagnostic> screened = YamlScreen.screen(bytes, label, yamlOptions);
            if (!screened.isEmpty()) {
                return new Result(null, screened);
            }
        }
        ObjectMapper mapper = isYaml ? yaml : json;
        JsonParser parser = null;
        try (JsonParser p = mapper.createParser(bytes)) {
            parser = p;
            JsonNode tree = mapper.readTree(p);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return failed(Diagnostic.input(SYNTAX_ERROR, label, "", "the document is empty"));
            }
            return new Result(new Document(label, tree, Locations.later(mapper, bytes)), List.of());
        } catch (JsonProcessingException e) {
            // A parser's limit carries no location: where the parser stopped is the place.
            JsonLocation at =
                    e.getLocation() != null || parser == null ? e.getLocation() : parser.currentTokenLocation();
            int line = at == null ? 0 : Math.max(0, at.getLineNr());
            int column = at == null ? 0 : Math.max(0, at.getColumnNr());
            boolean limit =
                    e instanceof StreamConstraintsException || YamlScreen.isCodePointLimit(e.getOriginalMessage());
            return failed(Diagnostic.inputAt(
                    limit ? INPUT_TOO_LARGE : SYNTAX_ERROR,
                    label,
                    line,
                    column,
                    limit ? Sizes.limitMessage(e.getOriginalMessage()) : firstLine(e.getOriginalMessage())));
        } catch (IOException e) {
            return failed(
                    Diagnostic.inputAt(UNREADABLE_FILE, label, 0, 0, "cannot read the document: " + e.getMessage()));
        }
    }

    private static Result failed(Diagnostic d) {
        return new Result(null, List.of(d));
    }

    static String firstLine(String message) {
        if (message == null) {
            return "malformed document";
        }
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl);
        int source = first.indexOf(" (start marker at");
        first = (source < 0 ? first : first.substring(0, source)).strip();
        // Jackson's advice to its own users ("enable `JsonReadFeature.X` to allow") is no advice to ours.
        String plain = first.replaceAll(": enable `[^`]*` to allow$", "");
        return plain.startsWith("Non-standard token")
                ? plain + ": JSON has no NaN or Infinity, every number must be finite"
                : plain;
    }
}
