package dev.gatehouse.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.TestPaths;
import dev.gatehouse.model.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases written as a base plus an RFC 6902 patch, next to cases with full files. */
class CaseLoaderPatchTest {
    static final Path EXAMPLE = TestPaths.fixtures().resolve("worked-example");
    static final String EXPECT = "expect:\n  eligible: true\n";

    @TempDir
    Path fixtures;

    @BeforeEach
    void base() throws IOException {
        Path base = Files.createDirectories(fixtures.resolve("bases/prod"));
        Files.copy(EXAMPLE.resolve("evidence.json"), base.resolve("evidence.json"));
        Files.copy(EXAMPLE.resolve("readback.json"), base.resolve("readback.json"));
    }

    private Path write(String name, String caseYaml) throws IOException {
        Path dir = Files.createDirectories(fixtures.resolve(name));
        Files.writeString(
                dir.resolve("case.yaml"), "at: \"2026-11-28T12:00:00Z\"\n" + caseYaml, StandardCharsets.UTF_8);
        return dir;
    }

    private List<String> problems() throws IOException {
        return CaseLoader.load(fixtures).diagnostics().stream()
                .map(Diagnostic::toString)
                .map(s -> s.replace(fixtures.toString(), "F"))
                .toList();
    }

    @Test
    void aPatchedCaseReadsItsBaseWithThePatchAppliedAndItsOwnExceptions() throws IOException {
        Path dir = write(
                "group/one",
                "base: prod\nevidence:\n"
                        + "  - {op: replace, path: /approvals/0/by, value: m.okafor}\n"
                        + "  - {op: add, path: /security/findings/-, value: {id: CVE-1, severity: low, artifact: "
                        + "'sha256:9b8e7f6a5d4c3b2a19081726354453627180918a7b6c5d4e3f2a1b0c9d8e7f6a', fixAvailable: false}}\n"
                        + "  - {op: test, path: /promotion/requestedRing, value: 2}\n"
                        + "readback:\n  - {op: replace, path: /capacity/reserveGpuNodes, value: 5}\n" + EXPECT);
        Files.createDirectories(dir.resolve("exceptions"));
        Files.copy(EXAMPLE.resolve("exceptions/EXC-2026-031.yaml"), dir.resolve("exceptions/EXC-2026-031.yaml"));
        CaseLoader.Loaded loaded = CaseLoader.load(fixtures);
        assertEquals(List.of(), loaded.diagnostics());
        GoldenCase c = loaded.cases().get(0);
        assertEquals("group/one", c.name());
        assertEquals(fixtures.resolve("bases/prod"), c.base());
        JsonNode evidence = c.evidenceTree();
        assertEquals("m.okafor", evidence.at("/approvals/0/by").asText());
        assertEquals("CVE-1", evidence.at("/security/findings/2/id").asText());
        assertEquals(5, c.readbackTree().at("/capacity/reserveGpuNodes").asInt());
        EvaluationInput input = c.input();
        assertEquals("m.okafor", input.evidence().approvals().get(0).by());
        assertEquals(5, input.readback().capacity().reserveGpuNodes());
        assertEquals(
                List.of("EXC-2026-031"),
                input.exceptions().stream().map(x -> x.id()).toList());
    }

    @Test
    void aCaseWithoutPatchesIsItsBaseAndFullFileCasesStillLoad() throws IOException {
        write("same", "base: prod\n" + EXPECT);
        Path full = write("full", EXPECT);
        Files.copy(EXAMPLE.resolve("evidence.json"), full.resolve("evidence.json"));
        Files.copy(EXAMPLE.resolve("readback.json"), full.resolve("readback.json"));
        CaseLoader.Loaded loaded = CaseLoader.load(fixtures);
        assertEquals(List.of(), loaded.diagnostics());
        assertEquals(
                List.of("full", "same"),
                loaded.cases().stream().map(GoldenCase::name).toList());
        assertNull(loaded.cases().get(0).base());
        assertEquals(loaded.cases().get(0).evidenceTree(), loaded.cases().get(1).evidenceTree());
        assertEquals(loaded.cases().get(0).input(), loaded.cases().get(1).input());
    }

    @Test
    void anOperationThatCannotApplyIsADiagnosticAtItsPointerInCaseYaml() throws IOException {
        write(
                "a",
                "base: prod\nevidence:\n  - {op: remove, path: /rollout}\n  - {op: replace, path: /approvals/7/by, value: x}\n"
                        + EXPECT);
        write("b", "base: prod\nreadback:\n  - {op: test, path: /capacity/gpuNodes, value: 1}\n" + EXPECT);
        write("c", "base: prod\nevidence:\n  - {op: rename, path: /a}\n  - {path: /a}\n" + EXPECT);
        write("d", "base: prod\nevidence: {op: remove, path: /rollout}\n" + EXPECT);
        assertEquals(
                List.of(
                        "F/a/case.yaml: /evidence/1: replace /approvals/7/by: does not exist in the document (base "
                                + "F/bases/prod/evidence.json)",
                        "F/b/case.yaml: /readback/0: test /capacity/gpuNodes: test failed: the value is 120, not 1 (base "
                                + "F/bases/prod/readback.json)",
                        "F/c/case.yaml: /evidence/0/op: must be one of add, remove, replace, move, copy, test, not \"rename\" (base "
                                + "F/bases/prod/evidence.json)",
                        "F/d/case.yaml: /evidence: must be a JSON Patch (RFC 6902): a list of operations such as "
                                + "{op: replace, path: /a, value: 1}"),
                problems());
    }

    @Test
    void aBaseMustExistBeOnlyABaseAndNotSitBesideTheCasesOwnFiles() throws IOException {
        write("a", "base: nowhere\n" + EXPECT);
        write("b", "base: ../prod\n" + EXPECT);
        write("c", "evidence: []\n" + EXPECT);
        Path d = write("d", "base: prod\n" + EXPECT);
        Files.copy(EXAMPLE.resolve("evidence.json"), d.resolve("evidence.json"));
        List<String> got = problems();
        assertEquals(
                List.of(
                        "F/a/case.yaml: /base: no folder bases/nowhere with evidence.json and readback.json above F/a",
                        "F/b/case.yaml: /base: must be the name of a folder under bases/",
                        "F/c/case.yaml: /evidence: is a patch of a base: name the base too (base: NAME, a folder under bases/)",
                        "F/c/evidence.json: /: is missing: every case needs it, or a base in case.yaml (base: NAME)",
                        "F/c/readback.json: /: is missing: every case needs it, or a base in case.yaml (base: NAME)",
                        "F/d/evidence.json: /: is not read: the case patches base prod; delete the file or the base"),
                got);
        Files.createDirectories(fixtures.resolve("bases/prod/exceptions"));
        write("a", "base: prod\n" + EXPECT);
        assertEquals(
                "F/bases/prod: /: is a base: it holds evidence.json and readback.json only (exceptions belong to each case)",
                problems().get(0));
    }

    @Test
    void aPatchedDocumentThatIsNotAValidInputNamesCaseYaml() throws IOException {
        write(
                "a",
                "base: prod\nevidence:\n  - {op: replace, path: /release/artifacts/0/digest, value: nope}\n" + EXPECT);
        GoldenCase c = CaseLoader.load(fixtures).cases().get(0);
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class, c::input);
        assertEquals(
                "F/a/case.yaml evidence: /release/artifacts/0/digest: must be sha256:<64 hex>",
                e.diagnostics().get(0).toString().replace(fixtures.toString(), "F"));
        CaseResult r = CaseRunner.run(dev.gatehouse.SharedEngine.rules(), c);
        assertEquals(
                "expected a decision, but the input is invalid:",
                r.differences().get(0));
    }
}
