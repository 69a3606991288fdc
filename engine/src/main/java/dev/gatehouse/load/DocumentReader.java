package dev.gatehouse.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Reads documents into JSON trees. Immutable and thread-safe. */
public final class DocumentReader {
    /** Error codes of this stage. */
    public static final String UNREADABLE = "unreadable-file";
    public static final String SYNTAX = "syntax-error";

    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The result of reading: a document, or the diagnostics that stopped it. */
    public record Result(Document document, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Reads a JSON document from a file, labelled with {@code label} in diagnostics. */
    public Result readJson(Path path, String label) {
        return read(path, label, json);
    }

    /** Reads a YAML or JSON document from a file, by its extension. */
    public Result readJsonOrYaml(Path path, String label) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return read(path, label, name.endsWith(".json") ? json : yaml);
    }

    /** Parses JSON bytes, labelled {@code label}. */
    public Result parseJson(byte[] bytes, String label) {
        return parse(bytes, label, json);
    }

    /** Parses YAML bytes, labelled {@code label}. */
    public Result parseYaml(byte[] bytes, String label) {
        return parse(bytes, label, yaml);
    }

    /**
     * The exception files of a folder: {@code *.yaml}, {@code *.yml} and {@code *.json}, sorted
     * by name; hidden files and other names are not exception files.
     */
    public static List<Path> exceptionFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> out = new ArrayList<>();
            files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"));
                    })
                    .sorted()
                    .forEach(out::add);
            return out;
        }
    }

    private Result read(Path path, String label, ObjectMapper mapper) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return failed(Diagnostic.inputAt(UNREADABLE, label, 0, 0, "cannot read the file: it does not exist"));
        } catch (IOException e) {
            return failed(Diagnostic.inputAt(UNREADABLE, label, 0, 0, "cannot read the file: " + e.getMessage()));
        }
        return parse(bytes, label, mapper);
    }

    private Result parse(byte[] bytes, String label, ObjectMapper mapper) {
        try {
            Locations.Parsed parsed = Locations.readTree(mapper, bytes);
            JsonNode tree = parsed.tree();
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return failed(Diagnostic.input(SYNTAX, label, "", "the document is empty"));
            }
            return new Result(new Document(label, tree, parsed.locations()), List.of());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : Math.max(0, at.getLineNr());
            int column = at == null ? 0 : Math.max(0, at.getColumnNr());
            return failed(Diagnostic.inputAt(SYNTAX, label, line, column, firstLine(e.getOriginalMessage())));
        } catch (IOException e) {
            return failed(Diagnostic.inputAt(UNREADABLE, label, 0, 0, "cannot read the document: " + e.getMessage()));
        }
    }

    private static Result failed(Diagnostic d) {
        return new Result(null, List.of(d));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed document";
        }
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl);
        int source = first.indexOf(" (start marker at");
        return (source < 0 ? first : first.substring(0, source)).strip();
    }
}
