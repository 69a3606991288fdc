package dev.gatehouse.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.gatehouse.TestPaths;
import dev.gatehouse.internal.load.Document;
import dev.gatehouse.internal.load.DocumentReader;
import dev.gatehouse.internal.load.Numbers;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.DiagnosticCode;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run-time validation (binding and Bean Validation, {@link InputValidator}) and the published
 * JSON Schemas (docs/schemas/, generated from the same contract types) give the same verdicts. A
 * JSON Schema validator (networknt, test scope only) checks every document of the
 * {@link InputCorpus} (about 5,700 mutations of the worked example), every document of the
 * invalid-input goldens and every golden case's inputs against the published schema, and this
 * test asserts, per document:
 * <ul>
 *   <li>what the schema rejects, the validator rejects, at every JSON Pointer the schema names;
 *   <li>what the validator rejects and the schema accepts is rejected only for what a JSON Schema
 *       cannot say: an identity that is not its own NFKC_Casefold ({@code bad-identity}), a number
 *       no long holds, a whole number too large for its field or an instant that is no date
 *       ({@code bad-value} in the number screen's or the binder's words).
 * </ul>
 */
class SchemaAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<?>> KINDS = Schemas.kinds();
    private static final Map<String, Schema> SCHEMAS = new LinkedHashMap<>();
    private static final DocumentReader READER = new DocumentReader(4 << 20);
    private static InputValidator validator;

    @BeforeAll
    static void setUp() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (String kind : KINDS.keySet()) {
            String published = Files.readString(TestPaths.root().resolve("docs/schemas/" + kind + ".schema.json"));
            SCHEMAS.put(kind, registry.getSchema(published, InputFormat.JSON));
        }
        validator = new InputValidator();
    }

    /** One document's two verdicts. */
    record Verdicts(String name, List<String> schemaPointers, List<Diagnostic> runtime) {}

    static Verdicts verdicts(String name, String kind, JsonNode tree) throws IOException {
        List<String> schema = new ArrayList<>();
        for (Error e : SCHEMAS.get(kind).validate(JSON.writeValueAsString(tree), InputFormat.JSON)) {
            String at = pointer(e.getInstanceLocation());
            boolean namesAField =
                    e.getKeyword().equals("required") || e.getKeyword().equals("additionalProperties");
            schema.add(namesAField ? at + "/" + InputValidator.escape(e.getProperty()) : at);
        }
        // As Inputs reads a document: the number screen first (infinities, numbers beyond a long), then the validator.
        Document doc = new Document(name, tree);
        List<Diagnostic> numbers = Numbers.check(doc);
        return new Verdicts(
                name,
                schema,
                numbers.isEmpty() ? validator.check(doc, kind, KINDS.get(kind)).diagnostics() : numbers);
    }

    private static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(InputValidator.escape(String.valueOf(path.getElement(i))));
        }
        return sb.toString();
    }

    /**
     * A rule a JSON Schema cannot state: the canonical form of an identity ({@code bad-identity}), and a value
     * that cannot be held at all ({@code bad-value} in the number screen's or the binder's words, never "must ...",
     * the wording of the rules the schema states): a number beyond a long or infinite, a whole number too large
     * for its field, an instant that is no date.
     */
    private static boolean beyondTheSchema(Diagnostic d) {
        return d.is(DiagnosticCode.BAD_IDENTITY)
                || d.is(DiagnosticCode.BAD_VALUE) && !d.message().startsWith("must ");
    }

    private static List<String> disagreement(Verdicts v) {
        List<String> out = new ArrayList<>();
        if (v.runtime().stream().anyMatch(d -> d.is(DiagnosticCode.WRONG_KIND))) {
            // The validator stops at a document of another kind ("is this the right file?"); the schema says so at
            // /kind.
            return v.schemaPointers().contains("/kind") ? out : List.of(v.name() + ": the schema accepts a wrong kind");
        }
        Set<String> runtimePointers =
                v.runtime().stream().map(Diagnostic::pointer).collect(Collectors.toSet());
        for (String p : v.schemaPointers()) {
            if (!runtimePointers.contains(p)) {
                out.add(v.name() + ": the schema rejects " + (p.isEmpty() ? "the document" : p)
                        + ", the validator does not there; it says " + v.runtime());
            }
        }
        if (v.schemaPointers().isEmpty()) {
            for (Diagnostic d : v.runtime()) {
                if (!beyondTheSchema(d)) {
                    out.add(v.name() + ": the validator rejects what the schema accepts: " + d.format());
                }
            }
        }
        return out;
    }

    @Test
    void theValidatorAndThePublishedSchemaAgreeOnEveryDocumentOfTheCorpus() throws IOException {
        List<String> disagreements = new ArrayList<>();
        int rejected = 0;
        int beyond = 0;
        Set<DiagnosticCode> codes = EnumSet.noneOf(DiagnosticCode.class);
        List<InputCorpus.Doc> corpus = InputCorpus.all();
        for (InputCorpus.Doc doc : corpus) {
            Verdicts v = verdicts(doc.name(), doc.kind(), doc.tree());
            disagreements.addAll(disagreement(v));
            if (!v.runtime().isEmpty()) {
                rejected++;
                v.runtime().forEach(d -> codes.add(d.diagnosticCode()));
                if (v.schemaPointers().isEmpty()) {
                    beyond++;
                }
            }
        }
        assertEquals(List.of(), disagreements.stream().limit(20).toList(), disagreements.size() + " disagreements");
        // The corpus exercises every kind of finding, and the few rules beyond the schema, so this cannot pass by
        // accident.
        assertTrue(corpus.size() > 5000, "corpus size " + corpus.size());
        assertTrue(rejected > corpus.size() * 3 / 4, rejected + " of " + corpus.size() + " rejected");
        assertEquals(
                EnumSet.of(
                        DiagnosticCode.WRONG_KIND,
                        DiagnosticCode.MISSING_FIELD,
                        DiagnosticCode.UNKNOWN_FIELD,
                        DiagnosticCode.WRONG_TYPE,
                        DiagnosticCode.BAD_VALUE,
                        DiagnosticCode.BAD_FORMAT,
                        DiagnosticCode.BAD_IDENTITY),
                codes);
        assertTrue(beyond > 10, beyond + " documents rejected only for rules beyond the schema");
    }

    @Test
    void theValidatorAndThePublishedSchemaAgreeOnTheInvalidInputGoldensAndTheGoldenCases() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(TestPaths.root().resolve("engine/src/test/resources/invalid"), TestPaths.fixtures())) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(SchemaAgreementTest::isInputName)
                        .sorted()
                        .forEach(files::add);
            }
        }
        List<String> disagreements = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        int schemaRejected = 0;
        for (Path file : files) {
            DocumentReader.Result read =
                    READER.readJsonOrYaml(file, file.toString(), DocumentReader.Budget.unlimited());
            if (read.document() == null) {
                continue; // syntax, YAML and file-system goldens: the reader refuses them, no document for either
                // checker
            }
            JsonNode tree = read.document().tree();
            String kind = tree.path("kind").asText();
            if (!KINDS.containsKey(kind)) {
                continue;
            }
            Verdicts v = verdicts(file.toString(), kind, tree);
            disagreements.addAll(disagreement(v));
            schemaRejected += v.schemaPointers().isEmpty() ? 0 : 1;
            seen.add(kind);
        }
        assertEquals(List.of(), disagreements);
        assertEquals(KINDS.keySet(), seen);
        assertTrue(schemaRejected >= 15, schemaRejected + " golden documents rejected by the schema");
    }

    private static boolean isInputName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml"))
                && !name.equals("case.yaml")
                && !name.startsWith("expected");
    }

    @Test
    void whenTheSchemaRejectsThenTheValidatorRejectsAtTheSamePointer() throws IOException {
        // The comparison itself can fail: a document the schema rejects at a place the validator does not name.
        Verdicts v = new Verdicts(
                "made-up",
                List.of("/release/author"),
                List.of(Diagnostic.input(
                        DiagnosticCode.BAD_FORMAT,
                        "made-up",
                        "/ci/commit",
                        "must be a commit: 40 lower-case hex characters")));
        assertEquals(1, disagreement(v).size());
        JsonNode seed = InputCorpus.seeds().get(0).tree();
        Verdicts ok = verdicts("seed", ReleaseEvidence.KIND, seed);
        if (!ok.schemaPointers().isEmpty() || !ok.runtime().isEmpty()) {
            fail("the worked example must pass both: " + ok);
        }
        assertEquals(
                List.of("/release/author"),
                verdicts("removed", ReleaseEvidence.KIND, InputCorpus.removed(seed, "/release/author"))
                        .schemaPointers());
        assertEquals(
                List.of(),
                verdicts(
                                "readback",
                                EnvironmentReadback.KIND,
                                InputCorpus.seeds().get(1).tree())
                        .runtime());
        assertEquals(
                List.of(),
                verdicts(
                                "exception",
                                RiskException.KIND,
                                InputCorpus.seeds().get(2).tree())
                        .runtime());
    }
}
