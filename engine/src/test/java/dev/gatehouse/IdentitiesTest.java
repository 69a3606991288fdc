package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.facts.Persons;
import dev.gatehouse.model.DiagnosticCode;
import dev.gatehouse.model.Identities;
import dev.gatehouse.model.ReleaseEvidence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One person is one person: the canonical form of identities (both validation layers give the
 * same diagnostic, whether the input is a document or a Java value), and person keys (identities
 * that look alike are one person).
 */
class IdentitiesTest {
    static final Path EXAMPLE = TestPaths.root().resolve("fixtures/worked-example");
    static final String HEAD = "must be a canonical identity (lower-case, no spaces or invisible characters): ";

    /** {spelling, the diagnostic message, or null when the spelling is canonical}. */
    static final String[][] SPELLINGS = {
        {"p.ramaswamy", null},
        {"p.r\u0430maswamy", null}, // Cyrillic a: canonical, and the same person as p.ramaswamy
        {"ci-bot_2", null},
        {"\u0436.\u0438\u0432\u0430\u043d\u043e\u0432", null},
        {"\u674e\u96f7", null},
        {"jos\u00e9", null},
        {"P.Ramaswamy", HEAD + "\"P.Ramaswamy\" -> \"p.ramaswamy\""},
        {" p.ramaswamy", HEAD + "\" p.ramaswamy\" -> \"p.ramaswamy\""},
        {"p.ramaswamy ", HEAD + "\"p.ramaswamy \" -> \"p.ramaswamy\""},
        {"p.ramaswamy\u200b", HEAD + "\"p.ramaswamy\\u200B\" -> \"p.ramaswamy\""},
        {"p.ram\u00adaswamy", HEAD + "\"p.ram\\u00ADaswamy\" -> \"p.ramaswamy\""},
        {"p.ramaswamy\ufe0f", HEAD + "\"p.ramaswamy\\uFE0F\" -> \"p.ramaswamy\""},
        {"p\tramaswamy", HEAD + "\"p\\u0009ramaswamy\" -> \"pramaswamy\""},
        {
            "\uff50.\uff52\uff41\uff4d\uff41\uff53\uff57\uff41\uff4d\uff59",
            HEAD + "\"\uff50.\uff52\uff41\uff4d\uff41\uff53\uff57\uff41\uff4d\uff59\" -> \"p.ramaswamy\""
        },
        {"jose\u0301", HEAD + "\"jose\u0301\" -> \"jos\u00e9\""},
        {"\ufb01.smith", HEAD + "\"\ufb01.smith\" -> \"fi.smith\""},
        {"\u212a.smith", HEAD + "\"\u212a.smith\" -> \"k.smith\""},
        {"stra\u00dfe", HEAD + "\"stra\u00dfe\" -> \"strasse\""},
        {
            "p.ramaswamy@corp.example",
            HEAD + "\"p.ramaswamy@corp.example\" holds '@' (U+0040); allowed are letters, digits, '.', '_' and '-'"
        },
        {"a\"b", HEAD + "\"a\\\"b\" holds '\"' (U+0022); allowed are letters, digits, '.', '_' and '-'"},
        {".p", HEAD + "\".p\" starts with '.' (U+002E), not a letter or digit"},
        {"", HEAD + "\"\" has no visible character"},
        {"\u200b", HEAD + "\"\\u200B\" has no visible character"},
        {"a".repeat(64), null},
        {"a".repeat(65), HEAD + "\"" + "a".repeat(65) + "\" has 65 characters, at most 64"},
        {
            "a".repeat(300),
            "must be a canonical identity (lower-case, no spaces or invisible characters), at most 64 characters, not 300"
        },
    };

    @TestFactory
    Stream<DynamicTest> bothValidationLayersAgreeOnEverySpelling() {
        return Stream.of(SPELLINGS)
                .map(row -> DynamicTest.dynamicTest(visible(row[0]), () -> {
                    String spelling = row[0];
                    String expected = row[1];
                    assertEquals(expected == null, Identities.isCanonical(spelling), "isCanonical");
                    if (expected != null) {
                        assertEquals(expected, Identities.problem(spelling), "problem");
                    }
                    // A document: the JSON Schema first, then Bean Validation of the bound value.
                    JsonNode evidence = dev.gatehouse.internal.InputReading.readTree(EXAMPLE.resolve("evidence.json"));
                    ((ObjectNode) evidence.path("approvals").get(1)).put("by", spelling);
                    JsonNode readback = dev.gatehouse.internal.InputReading.readTree(EXAMPLE.resolve("readback.json"));
                    assertEquals(
                            expectedDiagnostics("evidence.json", expected),
                            diagnostics(() -> dev.gatehouse.internal.InputReading.fromTrees(
                                    evidence, "evidence.json", readback, "readback.json", null)));
                    // A Java value: Bean Validation only.
                    EvaluationInput base =
                            Inputs.read(EXAMPLE.resolve("evidence.json"), EXAMPLE.resolve("readback.json"), null);
                    ReleaseEvidence e = base.evidence();
                    List<ReleaseEvidence.Approval> approvals = new ArrayList<>(e.approvals());
                    approvals.set(
                            1,
                            new ReleaseEvidence.Approval(
                                    approvals.get(1).role(),
                                    spelling,
                                    approvals.get(1).at()));
                    ReleaseEvidence changed = new ReleaseEvidence(
                            e.apiVersion(),
                            e.kind(),
                            e.release(),
                            e.promotion(),
                            e.ci(),
                            e.security(),
                            e.verifications(),
                            approvals,
                            e.residualRisks(),
                            e.rollback(),
                            e.rollout());
                    assertEquals(
                            expectedDiagnostics("<evidence>", expected),
                            diagnostics(() -> Inputs.of(changed, base.readback(), List.of())));
                }));
    }

    /** {a, b, whether they are one person}. */
    static final Object[][] PEOPLE = {
        {"p.ramaswamy", "p.ramaswamy", true},
        {"p.ramaswamy", "p.r\u0430maswamy", true}, // Cyrillic a
        {"p.ramaswamy", "\u0440.ramaswamy", true}, // Cyrillic er
        {"j.smith", "j.srnith", true}, // rn looks like m
        {"admin1", "adminl", true}, // 1 looks like l
        {"o.okafor", "0.okafor", true}, // 0 looks like o
        {"p.ramaswamy", "p.ramaswamy2", false},
        {"a.haddad", "a.hadad", false},
        {"m.okafor", "j.lindqvist", false},
    };

    @TestFactory
    Stream<DynamicTest> lookalikeIdentitiesAreOnePerson() {
        return Stream.of(PEOPLE)
                .map(row -> DynamicTest.dynamicTest(
                        visible(row[0] + " ~ " + row[1]),
                        () -> assertEquals(
                                row[2],
                                Persons.key((String) row[0]).equals(Persons.key((String) row[1])),
                                row[0] + " and " + row[1] + ": keys " + Persons.key((String) row[0]) + ", "
                                        + Persons.key((String) row[1]))));
    }

    private static List<String> expectedDiagnostics(String file, String message) {
        return message == null
                ? List.of()
                : List.of(DiagnosticCode.BAD_IDENTITY.wire() + " " + file + ": /approvals/1/by: " + message);
    }

    private static List<String> diagnostics(Runnable read) {
        try {
            read.run();
            return List.of();
        } catch (InvalidInputException e) {
            return e.diagnostics().stream()
                    .map(d -> d.code() + " " + d.format())
                    .collect(Collectors.toList());
        }
    }

    private static String visible(String s) {
        return Identities.quote(s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }
}
