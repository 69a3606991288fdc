package dev.gatehouse.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.SharedEngine;
import dev.gatehouse.TestPaths;
import dev.gatehouse.internal.Sources;
import dev.gatehouse.model.Environment;
import dev.gatehouse.model.PromotionDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every SARIF log gatehouse writes is valid against the SARIF 2.1.0 JSON Schema (see report/sarif/SOURCE.md). */
class SarifSchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Schema schema() throws Exception {
        String text = Files.readString(DecisionReportsTest.resources().resolve("sarif/sarif-2.1.0.json"));
        SpecificationVersion version = SpecificationVersion.fromDialectId(
                        JSON.readTree(text).path("$schema").asText())
                .orElseThrow(() -> new AssertionError("the SARIF schema names no known JSON Schema dialect"));
        return SchemaRegistry.withDefaultDialect(version).getSchema(text, InputFormat.JSON);
    }

    static List<String> problems(JsonNode log) throws Exception {
        return schema().validate(JSON.writeValueAsString(log), InputFormat.JSON).stream()
                .map(Error::getMessage)
                .sorted()
                .toList();
    }

    @Test
    void whenARealToolsLogIsValidatedThenTheSchemaAcceptsIt() throws Exception {
        Path trivy = DecisionReportsTest.resources().resolve("sarif/trivy_alpine-310.sarif.json");
        assertEquals(List.of(), problems(JSON.readTree(Files.readAllBytes(trivy))));
    }

    @Test
    void whenALevelIsNotASarifLevelThenTheSchemaRejectsIt() throws Exception {
        PolicyEngine engine = DecisionReportsTest.tinyEngine();
        PromotionDecision d = engine.evaluate(DecisionReportsTest.workedExample(false), DecisionReportsTest.AT);
        JsonNode log = JSON.readTree(SarifReport.render(
                d,
                engine.ruleMetadata(),
                engine.enforcementIn(Environment.PRODUCTION),
                Sources.of("evidence.json"),
                DecisionReportsTest.DOCS));
        ((ObjectNode) log.path("runs").path(0).path("results").path(0)).put("level", "fatal");
        assertFalse(problems(log).isEmpty(), "a result with level 'fatal' must be rejected");
    }

    @Test
    void whenEveryLevelFailsThenTheGatehouseLogIsValid() throws Exception {
        PolicyEngine engine = DecisionReportsTest.tinyEngine();
        dev.gatehouse.internal.InputReading.Located read = DecisionReportsTest.workedExampleLocated(false);
        PromotionDecision d = engine.evaluate(read.input(), DecisionReportsTest.AT);
        assertEquals(
                List.of(),
                problems(JSON.readTree(SarifReport.render(
                        d,
                        engine.ruleMetadata(),
                        engine.enforcementIn(Environment.PRODUCTION),
                        read.sources(),
                        DecisionReportsTest.DOCS))));
    }

    @Test
    void whenAViolationIsWaivedThenTheLogWithItsSuppressionIsValid() throws Exception {
        PolicyEngine engine = SharedEngine.rules();
        PromotionDecision d = engine.evaluate(DecisionReportsTest.workedExample(true), DecisionReportsTest.AT);
        JsonNode log = JSON.readTree(SarifReport.render(
                d,
                engine.ruleMetadata(),
                engine.enforcementIn(Environment.PRODUCTION),
                Sources.of("/abs/path with space/evidence.json"),
                DecisionReportsTest.DOCS));
        assertEquals(List.of(), problems(log));
        JsonNode result0 = log.path("runs").path(0).path("results").path(0);
        assertEquals(
                "file:///abs/path%20with%20space/evidence.json",
                result0.path("locations")
                        .path(0)
                        .path("physicalLocation")
                        .path("artifactLocation")
                        .path("uri")
                        .asText());
        JsonNode result = log.path("runs").path(0).path("results").path(0);
        assertEquals("SEC-002", result.path("ruleId").asText());
        assertEquals("warning", result.path("level").asText());
        assertEquals(
                "accepted", result.path("suppressions").path(0).path("status").asText());
        assertEquals(
                "waived by exception EXC-2026-031",
                result.path("suppressions").path(0).path("justification").asText());
        JsonNode rule = log.path("runs")
                .path(0)
                .path("tool")
                .path("driver")
                .path("rules")
                .get(result.path("ruleIndex").asInt());
        assertEquals("SEC-002", rule.path("id").asText());
        assertEquals(
                "no finding of severity high with a fix available",
                rule.path("shortDescription").path("text").asText());
    }

    @Test
    void whenAPointerBelongsToTheReadbackOrAnExceptionThenTheResultIsAtItsLineInThatFile() throws Exception {
        PolicyEngine engine = SharedEngine.rules();
        dev.gatehouse.internal.InputReading.Located read = DecisionReportsTest.workedExampleLocated(true);
        PromotionDecision d = engine.evaluate(read.input(), java.time.Instant.parse("2026-12-10T12:00:00Z"));
        JsonNode log = JSON.readTree(SarifReport.render(
                d,
                engine.ruleMetadata(),
                engine.enforcementIn(Environment.PRODUCTION),
                read.sources(),
                DecisionReportsTest.DOCS));
        assertEquals(List.of(), problems(log));
        java.util.Map<String, String> placeByPointer = new java.util.TreeMap<>();
        for (JsonNode r : log.path("runs").path(0).path("results")) {
            JsonNode physical = r.path("locations").path(0).path("physicalLocation");
            placeByPointer.put(
                    r.path("properties").path("jsonPointer").asText(),
                    physical.path("artifactLocation").path("uri").asText() + ":"
                            + physical.path("region").path("startLine") + ":"
                            + physical.path("region").path("startColumn"));
        }
        assertEquals(
                "fixtures/worked-example/readback.json:5:3",
                placeByPointer.get("/capturedAt"),
                placeByPointer.toString());
        assertEquals(
                "fixtures/worked-example/evidence.json:26:7",
                placeByPointer.get("/security/findings/0"),
                placeByPointer.toString());
        assertEquals(
                "fixtures/worked-example/exceptions/EXC-2026-031.yaml:20:1",
                placeByPointer.get("/expiresAt"),
                placeByPointer.toString());
    }

    @Test
    void whenARuleHasAHelpUriThenItIsInThePolicyPageAtAnAnchorThatExists() throws Exception {
        PolicyEngine engine = SharedEngine.rules();
        dev.gatehouse.internal.InputReading.Located read = DecisionReportsTest.workedExampleLocated(false);
        PromotionDecision d = engine.evaluate(read.input(), DecisionReportsTest.AT);
        JsonNode log = JSON.readTree(SarifReport.render(
                d,
                engine.ruleMetadata(),
                engine.enforcementIn(Environment.PRODUCTION),
                read.sources(),
                DecisionReportsTest.DOCS));
        String policy = Files.readString(TestPaths.root().resolve("docs/policy.md"));
        List<String> missing = new java.util.ArrayList<>();
        int rules = 0;
        for (JsonNode rule :
                log.path("runs").path(0).path("tool").path("driver").path("rules")) {
            rules++;
            String uri = rule.path("helpUri").asText();
            String anchor = rule.path("id").asText().toLowerCase(java.util.Locale.ROOT);
            if (!uri.equals(DecisionReportsTest.DOCS + "policy.md#" + anchor)
                    || !policy.contains("<a id=\"" + anchor + "\"></a>")
                    || rule.path("help").path("text").asText().isEmpty()
                    || rule.path("help").path("markdown").asText().isEmpty()) {
                missing.add(rule.path("id").asText() + " " + uri);
            }
        }
        assertEquals(engine.controls().size(), rules);
        assertEquals(List.of(), missing, "rules without help or whose helpUri has no anchor in docs/policy.md");
    }

    @Test
    void whenTheLevelTheLinesOrThePathsChangeThenEachResultKeepsItsFingerprint() throws Exception {
        PolicyEngine engine = SharedEngine.rules();
        dev.gatehouse.internal.InputReading.Located read = DecisionReportsTest.workedExampleLocated(false);
        PromotionDecision d = engine.evaluate(read.input(), DecisionReportsTest.AT);
        PolicyEngine retuned = engine.withEnforcement("SEC-002", Environment.PRODUCTION, "hard");
        PromotionDecision hard = retuned.evaluate(read.input(), DecisionReportsTest.AT);
        java.util.Map<String, String> base = fingerprints(SarifReport.render(
                d,
                engine.ruleMetadata(),
                engine.enforcementIn(Environment.PRODUCTION),
                read.sources(),
                DecisionReportsTest.DOCS));
        java.util.Map<String, String> moved = fingerprints(SarifReport.render(
                hard,
                retuned.ruleMetadata(),
                retuned.enforcementIn(Environment.PRODUCTION),
                Sources.of("/elsewhere/e.json", "/elsewhere/r.json"),
                DecisionReportsTest.DOCS));
        // sha256 of "control NUL subject NUL document"
        assertEquals(
                java.util.Map.of(
                        "RSK-001 RR-17", "cdaa4e8aca75649a69927b8795a74bafeb0ea8db178c41d6855e39863f574096",
                        "SEC-002 CVE-2026-41022", "93a5240c68184c363b50051f5d5f5db33cd74f5d19d3e9c6a66569501cf776d2"),
                base);
        assertEquals(base, moved);
    }

    private static java.util.Map<String, String> fingerprints(String sarif) throws Exception {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode r : JSON.readTree(sarif).path("runs").path(0).path("results")) {
            out.put(
                    r.path("ruleId").asText() + " "
                            + r.path("properties").path("subject").asText(),
                    r.path("partialFingerprints").path(SarifReport.FINGERPRINT).asText());
        }
        return out;
    }

    @Test
    void whenEvidenceComesFromTheFutureThenEachResultNamesTheDocumentOfItsField() throws Exception {
        PolicyEngine engine = SharedEngine.rules();
        // A day earlier than the worked example: ring 1's entry and both backups are after now.
        PromotionDecision d = engine.evaluate(
                DecisionReportsTest.workedExample(true), java.time.Instant.parse("2026-11-27T00:00:00Z"));
        JsonNode log = JSON.readTree(SarifReport.render(
                d,
                engine.ruleMetadata(),
                engine.enforcementIn(Environment.PRODUCTION),
                Sources.of("e.json", "r.json"),
                DecisionReportsTest.DOCS));
        assertEquals(List.of(), problems(log));
        java.util.Map<String, String> fileByPointer = new java.util.TreeMap<>();
        for (JsonNode r : log.path("runs").path(0).path("results")) {
            if (r.path("ruleId").asText().equals("EVD-005")) {
                fileByPointer.put(
                        r.path("properties").path("jsonPointer").asText(),
                        r.path("locations")
                                .path(0)
                                .path("physicalLocation")
                                .path("artifactLocation")
                                .path("uri")
                                .asText());
            }
        }
        assertEquals(
                java.util.Map.of(
                        "/dataServices/0/lastBackupAt", "r.json",
                        "/dataServices/1/lastBackupAt", "r.json",
                        "/rollout/history/1/enteredAt", "e.json"),
                fileByPointer);
    }
}
