package dev.gatehouse.internal;

import static dev.gatehouse.model.DiagnosticCode.UNREADABLE_FILE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.InputLimits;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.internal.load.Document;
import dev.gatehouse.internal.load.DocumentReader;
import dev.gatehouse.internal.load.Numbers;
import dev.gatehouse.internal.validate.Checked;
import dev.gatehouse.internal.validate.InputValidator;
import dev.gatehouse.internal.validate.Schemas;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and validates inputs: the implementation of {@link dev.gatehouse.Inputs}, and the readers Gatehouse's own
 * modules need besides (JSON trees for what-if edits and decision-log lines, files with the positions of their
 * fields for reports). Every problem of every file is reported at once; a single problem means no input (and so
 * no decision). Every {@link EvaluationInput} made here was validated first.
 */
public final class InputReading {
    private static final DocumentReader READER = new DocumentReader(InputLimits.DEFAULT.maxInputBytes());

    private InputReading() {}

    /** Holds the validator, built on first use (schema generation takes a moment). */
    private static final class Validator {
        static final InputValidator INSTANCE = new InputValidator();
    }

    private static DocumentReader reader(InputLimits limits) {
        return limits.maxInputBytes() == READER.maxInputBytes() ? READER : new DocumentReader(limits.maxInputBytes());
    }

    /**
     * Reads the evidence and readback (JSON, or YAML for a file named *.yaml or *.yml) and the exceptions folder ({@code *.yaml},
     * {@code *.yml}, {@code *.json}; may be null for none) within the default {@link InputLimits}.
     * Diagnostics name the files as given.
     */
    public static EvaluationInput read(Path evidence, Path readback, Path exceptionsDir) {
        return read(evidence, readback, exceptionsDir, InputLimits.DEFAULT);
    }

    /**
     * Reads the evidence, the readback and the exceptions folder within {@code limits}: only regular
     * files are opened, each no larger than {@link InputLimits#maxInputBytes()}, all together no
     * larger than {@link InputLimits#maxTotalBytes()}; every entry of the exceptions folder must be
     * an exception file (see {@code docs/design.md}).
     */
    public static EvaluationInput read(Path evidence, Path readback, Path exceptionsDir, InputLimits limits) {
        return readLocated(evidence, readback, exceptionsDir, limits).input();
    }

    /** An input read from files, and where each of its fields is in them (for reports that point at lines). */
    public record Located(EvaluationInput input, Sources sources) {}

    /** As {@link #readLocated(Path, Path, Path, InputLimits)} within the default {@link InputLimits}. */
    public static Located readLocated(Path evidence, Path readback, Path exceptionsDir) {
        return readLocated(evidence, readback, exceptionsDir, InputLimits.DEFAULT);
    }

    /** As {@link #read(Path, Path, Path, InputLimits)}, also keeping the files' names and positions, recorded while parsing. */
    public static Located readLocated(Path evidence, Path readback, Path exceptionsDir, InputLimits limits) {
        List<Diagnostic> problems = new ArrayList<>();
        DocumentReader reader = reader(limits);
        DocumentReader.Budget budget = new DocumentReader.Budget(limits.maxTotalBytes());
        DocumentReader.Result er = readDocument(reader, evidence, budget);
        DocumentReader.Result rr = readDocument(reader, readback, budget);
        Read<ReleaseEvidence> e = check(er, ReleaseEvidence.KIND, ReleaseEvidence.class, problems);
        Read<EnvironmentReadback> r = check(rr, EnvironmentReadback.KIND, EnvironmentReadback.class, problems);
        Map<String, Sources.Source> exceptionSources = new TreeMap<>();
        EvaluationInput input = finish(e, r, exceptionsDir, problems, limits, budget, exceptionSources);
        return new Located(input, new Sources(source(er), source(rr), exceptionSources));
    }

    /** A document named {@code *.yaml} or {@code *.yml} (any case) is read as YAML (the safe subset), any other as JSON. */
    private static DocumentReader.Result readDocument(DocumentReader reader, Path file, DocumentReader.Budget budget) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml")
                ? reader.readJsonOrYaml(file, file.toString(), budget)
                : reader.readJson(file, file.toString(), budget);
    }

    private static Sources.Source source(DocumentReader.Result read) {
        return new Sources.Source(read.document().file(), read.document().locations());
    }

    /**
     * Reads one JSON document as a tree, without validating it against a kind (what-if edits the
     * tree before it is validated). Throws {@link InvalidInputException} when the file cannot be
     * read or is not JSON.
     */
    public static JsonNode readTree(Path file) {
        return readTree(file, InputLimits.DEFAULT);
    }

    /** {@link #readTree(Path)} within {@code limits} (a file larger than {@link InputLimits#maxInputBytes()} is refused). */
    public static JsonNode readTree(Path file, InputLimits limits) {
        DocumentReader.Result read =
                readDocument(reader(limits), file, new DocumentReader.Budget(limits.maxTotalBytes()));
        return tree(read);
    }

    /** The tree of a document read but not validated against a kind, or every problem of reading it. */
    private static JsonNode tree(DocumentReader.Result read) {
        List<Diagnostic> problems = new ArrayList<>(read.diagnostics());
        if (read.document() != null) {
            problems.addAll(Numbers.check(read.document()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return read.document().tree();
    }

    /**
     * Parses one document given as bytes (JSON, or YAML when {@code yaml}) into a tree, as strictly as a file is
     * read (size, nesting and number limits, no duplicate keys), labelled {@code label} in diagnostics: how a
     * service reads a request body before validating the documents in it ({@link #fromTrees}).
     */
    public static JsonNode readTree(byte[] bytes, String label, boolean yaml, InputLimits limits) {
        DocumentReader reader = reader(limits);
        DocumentReader.Result read = yaml ? reader.parseYaml(bytes, label) : reader.parseJson(bytes, label);
        return tree(read);
    }

    /**
     * Validates evidence and readback given as JSON trees, exactly as documents read from files
     * are validated, and reads the exceptions folder (may be null for none). Diagnostics name the
     * trees by their labels, e.g. {@code evidence.json (variant)}.
     */
    public static EvaluationInput fromTrees(
            JsonNode evidence, String evidenceLabel, JsonNode readback, String readbackLabel, Path exceptionsDir) {
        return fromTrees(evidence, evidenceLabel, readback, readbackLabel, exceptionsDir, InputLimits.DEFAULT);
    }

    /** {@link #fromTrees(JsonNode, String, JsonNode, String, Path)}, reading the exceptions folder within {@code limits}. */
    public static EvaluationInput fromTrees(
            JsonNode evidence,
            String evidenceLabel,
            JsonNode readback,
            String readbackLabel,
            Path exceptionsDir,
            InputLimits limits) {
        List<Diagnostic> problems = new ArrayList<>();
        Read<ReleaseEvidence> e =
                checkTree(evidence, evidenceLabel, ReleaseEvidence.KIND, ReleaseEvidence.class, problems);
        Read<EnvironmentReadback> r =
                checkTree(readback, readbackLabel, EnvironmentReadback.KIND, EnvironmentReadback.class, problems);
        return finish(
                e,
                r,
                exceptionsDir,
                problems,
                limits,
                new DocumentReader.Budget(limits.maxTotalBytes()),
                new TreeMap<>());
    }

    /**
     * Reads evidence and readback given as JSON text (e.g. a golden case's base with its patch
     * applied), exactly as if each were read from a file named {@code evidenceLabel} or
     * {@code readbackLabel}, and the exceptions folder (may be null for none), within the default
     * {@link InputLimits}.
     */
    public static EvaluationInput fromJson(
            byte[] evidence, String evidenceLabel, byte[] readback, String readbackLabel, Path exceptionsDir) {
        List<Diagnostic> problems = new ArrayList<>();
        InputLimits limits = InputLimits.DEFAULT;
        DocumentReader reader = reader(limits);
        Read<ReleaseEvidence> e =
                check(reader.parseJson(evidence, evidenceLabel), ReleaseEvidence.KIND, ReleaseEvidence.class, problems);
        Read<EnvironmentReadback> r = check(
                reader.parseJson(readback, readbackLabel),
                EnvironmentReadback.KIND,
                EnvironmentReadback.class,
                problems);
        return finish(
                e,
                r,
                exceptionsDir,
                problems,
                limits,
                new DocumentReader.Budget(limits.maxTotalBytes()),
                new TreeMap<>());
    }

    /**
     * Validates evidence, readback and exceptions all given as JSON trees (e.g. from a decision
     * log); exception {@code i} is labelled {@code exceptionsLabel + "/" + i}.
     */
    public static EvaluationInput fromTrees(
            JsonNode evidence,
            String evidenceLabel,
            JsonNode readback,
            String readbackLabel,
            List<JsonNode> exceptionTrees,
            String exceptionsLabel) {
        List<Diagnostic> problems = new ArrayList<>();
        Read<ReleaseEvidence> e =
                checkTree(evidence, evidenceLabel, ReleaseEvidence.KIND, ReleaseEvidence.class, problems);
        Read<EnvironmentReadback> r =
                checkTree(readback, readbackLabel, EnvironmentReadback.KIND, EnvironmentReadback.class, problems);
        List<Map.Entry<String, Read<RiskException>>> exceptions = new ArrayList<>();
        for (int i = 0; i < exceptionTrees.size(); i++) {
            String label = exceptionsLabel + "/" + i;
            Read<RiskException> x =
                    checkTree(exceptionTrees.get(i), label, RiskException.KIND, RiskException.class, problems);
            if (x != null) {
                exceptions.add(new AbstractMap.SimpleImmutableEntry<>(label, x));
            }
        }
        return complete(e, r, exceptions, problems);
    }

    private static EvaluationInput finish(
            Read<ReleaseEvidence> e,
            Read<EnvironmentReadback> r,
            Path exceptionsDir,
            List<Diagnostic> problems,
            InputLimits limits,
            DocumentReader.Budget budget,
            Map<String, Sources.Source> exceptionSources) {
        List<Map.Entry<String, Read<RiskException>>> exceptions = new ArrayList<>();
        if (exceptionsDir != null) {
            if (!Files.isDirectory(exceptionsDir)) {
                problems.add(Diagnostic.inputAt(
                        UNREADABLE_FILE,
                        exceptionsDir.toString(),
                        0,
                        0,
                        "the exceptions folder does not exist or is not a folder"));
            } else {
                DocumentReader reader = reader(limits);
                DocumentReader.Listing listing =
                        DocumentReader.listExceptions(exceptionsDir, limits.maxExceptionFiles());
                problems.addAll(listing.diagnostics());
                for (DocumentReader.ExceptionFile file : listing.files()) {
                    DocumentReader.Result read = reader.readListed(file, budget);
                    Read<RiskException> x = check(read, RiskException.KIND, RiskException.class, problems);
                    if (x != null) {
                        exceptions.add(new AbstractMap.SimpleImmutableEntry<>(file.label(), x));
                        exceptionSources.put(x.value().id(), source(read));
                    }
                }
            }
        }
        return complete(e, r, exceptions, problems);
    }

    /** Adds the unique-id check, then fails with every problem or builds the input. */
    private static EvaluationInput complete(
            Read<ReleaseEvidence> e,
            Read<EnvironmentReadback> r,
            List<Map.Entry<String, Read<RiskException>>> exceptions,
            List<Diagnostic> problems) {
        problems.addAll(InputValidator.checkUniqueIds(exceptions.stream()
                .map(x -> Map.entry(x.getKey(), x.getValue().value()))
                .toList()));
        if (!problems.isEmpty()) {
            problems.sort(Diagnostic.ORDER);
            throw new InvalidInputException(problems);
        }
        List<Read<RiskException>> xs =
                exceptions.stream().map(Map.Entry::getValue).toList();
        return InputAccess.make(
                e.value(),
                r.value(),
                xs.stream().map(Read::value).toList(),
                new InputDocuments(
                        e.tree(), r.tree(), xs.stream().map(Read::tree).toList()));
    }

    /**
     * The documents an input's provenance digest and decision log entry are taken over: those it was read from,
     * or, for an input built from Java values, the values as {@link dev.gatehouse.internal.json.Json#mapper()} writes
     * them (nulls included).
     */
    public static InputDocuments documents(EvaluationInput input) {
        InputDocuments read = InputAccess.documents(input);
        if (read != null) {
            return read;
        }
        var mapper = dev.gatehouse.internal.json.Json.mapper();
        return new InputDocuments(
                mapper.valueToTree(input.evidence()),
                mapper.valueToTree(input.readback()),
                input.exceptions().stream().<JsonNode>map(mapper::valueToTree).toList());
    }

    /** A validated value and (a copy of) the JSON tree it was bound from. */
    private record Read<T>(T value, JsonNode tree) {}

    /** Parses and validates one document of {@code kind} from JSON (or YAML for exceptions) bytes. */
    public static <T> T parse(byte[] bytes, String label, String kind, Class<T> type, boolean yaml) {
        List<Diagnostic> problems = new ArrayList<>();
        Read<T> read =
                check(yaml ? READER.parseYaml(bytes, label) : READER.parseJson(bytes, label), kind, type, problems);
        if (!problems.isEmpty()) {
            problems.sort(Diagnostic.ORDER);
            throw new InvalidInputException(problems);
        }
        return read.value();
    }

    /**
     * Validates inputs built as Java values, exactly as documents are validated (Bean
     * Validation constraints and unique exception ids). Labels: {@code <evidence>},
     * {@code <readback>}, {@code <exception i>}.
     */
    public static EvaluationInput of(
            ReleaseEvidence evidence, EnvironmentReadback readback, List<RiskException> exceptions) {
        InputValidator v = Validator.INSTANCE;
        List<Diagnostic> problems = new ArrayList<>();
        if (evidence == null || readback == null || exceptions == null) {
            throw new IllegalArgumentException(
                    "evidence, readback and exceptions are required (use an empty list for none)");
        }
        problems.addAll(v.validate(evidence, "<evidence>"));
        problems.addAll(v.validate(readback, "<readback>"));
        List<Map.Entry<String, RiskException>> labelled = new ArrayList<>();
        for (int i = 0; i < exceptions.size(); i++) {
            problems.addAll(v.validate(exceptions.get(i), "<exception " + i + ">"));
            labelled.add(new AbstractMap.SimpleImmutableEntry<>("<exception " + i + ">", exceptions.get(i)));
        }
        if (problems.isEmpty()) {
            problems.addAll(InputValidator.checkUniqueIds(labelled));
        }
        if (!problems.isEmpty()) {
            problems.sort(Diagnostic.ORDER);
            throw new InvalidInputException(problems);
        }
        return InputAccess.make(evidence, readback, exceptions, null);
    }

    /** The JSON Schema of an input kind ({@code ReleaseEvidence}, {@code EnvironmentReadback}, {@code RiskException}). */
    public static String schema(String kind) {
        return dev.gatehouse.internal.json.Json.pretty(Schemas.generate(kind));
    }

    private static <T> Read<T> checkTree(
            JsonNode tree, String label, String kind, Class<T> type, List<Diagnostic> problems) {
        return check(new DocumentReader.Result(new Document(label, tree), List.of()), kind, type, problems);
    }

    private static <T> Read<T> check(
            DocumentReader.Result read, String kind, Class<T> type, List<Diagnostic> problems) {
        if (read.document() == null) {
            problems.addAll(read.diagnostics());
            return null;
        }
        Document doc = read.document();
        List<Diagnostic> numbers = Numbers.check(doc);
        if (!numbers.isEmpty()) {
            problems.addAll(numbers);
            return null;
        }
        Checked<T> checked = Validator.INSTANCE.check(doc, kind, type);
        problems.addAll(checked.diagnostics());
        return checked.value() == null
                ? null
                : new Read<>(checked.value(), doc.tree().deepCopy());
    }
}
