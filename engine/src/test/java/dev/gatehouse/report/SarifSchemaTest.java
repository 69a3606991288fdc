package dev.gatehouse.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.TestPaths;
import dev.gatehouse.model.Environment;
import dev.gatehouse.model.PromotionDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every SARIF log gatehouse writes is valid against the SARIF 2.1.0 JSON Schema (see report/sarif/SOURCE.md). */
class SarifSchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonSchema schema() throws Exception {
        JsonNode node = JSON.readTree(Files.readAllBytes(DecisionReportsTest.resources().resolve("sarif/sarif-2.1.0.json")));
        return JsonSchemaFactory.getInstance(SpecVersionDetector.detect(node)).getSchema(node);
    }

    static List<String> problems(JsonNode log) throws Exception {
        return schema().validate(log).stream().map(ValidationMessage::getMessage).sorted().toList();
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
        JsonNode log = JSON.readTree(SarifReport.render(d, engine.ruleMetadata(), engine.enforcementIn(Environment.PRODUCTION),
                "evidence.json"));
        ((ObjectNode) log.path("runs").path(0).path("results").path(0)).put("level", "fatal");
        assertFalse(problems(log).isEmpty(), "a result with level 'fatal' must be rejected");
    }

    @Test
    void whenEveryLevelFailsThenTheGatehouseLogIsValid() throws Exception {
        PolicyEngine engine = DecisionReportsTest.tinyEngine();
        PromotionDecision d = engine.evaluate(DecisionReportsTest.workedExample(false), DecisionReportsTest.AT);
        assertEquals(List.of(), problems(JSON.readTree(SarifReport.render(d, engine.ruleMetadata(),
                engine.enforcementIn(Environment.PRODUCTION), "fixtures/worked-example/evidence.json"))));
    }

    @Test
    void whenAViolationIsWaivedThenTheLogWithItsSuppressionIsValid() throws Exception {
        PolicyEngine engine = PolicyEngine.builder().rules(TestPaths.rules()).build();
        PromotionDecision d = engine.evaluate(DecisionReportsTest.workedExample(true), DecisionReportsTest.AT);
        JsonNode log = JSON.readTree(SarifReport.render(d, engine.ruleMetadata(), engine.enforcementIn(Environment.PRODUCTION),
                "/abs/path with space/evidence.json"));
        assertEquals(List.of(), problems(log));
        JsonNode result0 = log.path("runs").path(0).path("results").path(0);
        assertEquals("/abs/path%20with%20space/evidence.json",
                result0.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText());
        JsonNode result = log.path("runs").path(0).path("results").path(0);
        assertEquals("SEC-002", result.path("ruleId").asText());
        assertEquals("warning", result.path("level").asText());
        assertEquals("accepted", result.path("suppressions").path(0).path("status").asText());
        assertEquals("waived by exception EXC-2026-031", result.path("suppressions").path(0).path("justification").asText());
        JsonNode rule = log.path("runs").path(0).path("tool").path("driver").path("rules").get(result.path("ruleIndex").asInt());
        assertEquals("SEC-002", rule.path("id").asText());
        assertEquals("no finding of severity high with a fix available", rule.path("shortDescription").path("text").asText());
    }

    @Test
    void whenAPointerBelongsToTheReadbackOrAnExceptionThenTheResultNamesThatFile() throws Exception {
        PolicyEngine engine = PolicyEngine.builder().rules(TestPaths.rules()).build();
        PromotionDecision d = engine.evaluate(DecisionReportsTest.workedExample(true), java.time.Instant.parse("2026-12-10T12:00:00Z"));
        JsonNode log = JSON.readTree(SarifReport.render(d, engine.ruleMetadata(), engine.enforcementIn(Environment.PRODUCTION),
                new SarifReport.Documents("e.json", "r.json", "exceptions")));
        assertEquals(List.of(), problems(log));
        java.util.Map<String, String> fileByPointer = new java.util.TreeMap<>();
        for (JsonNode r : log.path("runs").path(0).path("results")) {
            fileByPointer.put(r.path("properties").path("jsonPointer").asText(),
                    r.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText());
        }
        assertEquals("r.json", fileByPointer.get("/capturedAt"), fileByPointer.toString());
        assertEquals("e.json", fileByPointer.get("/security/findings/0"), fileByPointer.toString());
        assertEquals("exceptions", fileByPointer.get("/expiresAt"), fileByPointer.toString());
    }

    @Test
    void whenEvidenceComesFromTheFutureThenEachResultNamesTheDocumentOfItsField() throws Exception {
        PolicyEngine engine = PolicyEngine.builder().rules(TestPaths.rules()).build();
        // A day earlier than the worked example: ring 1's entry and both backups are after now.
        PromotionDecision d = engine.evaluate(DecisionReportsTest.workedExample(true), java.time.Instant.parse("2026-11-27T00:00:00Z"));
        JsonNode log = JSON.readTree(SarifReport.render(d, engine.ruleMetadata(), engine.enforcementIn(Environment.PRODUCTION),
                new SarifReport.Documents("e.json", "r.json", "exceptions")));
        assertEquals(List.of(), problems(log));
        java.util.Map<String, String> fileByPointer = new java.util.TreeMap<>();
        for (JsonNode r : log.path("runs").path(0).path("results")) {
            if (r.path("ruleId").asText().equals("EVD-005")) {
                fileByPointer.put(r.path("properties").path("jsonPointer").asText(),
                        r.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText());
            }
        }
        assertEquals(java.util.Map.of(
                "/dataServices/0/lastBackupAt", "r.json",
                "/dataServices/1/lastBackupAt", "r.json",
                "/rollout/history/1/enteredAt", "e.json"), fileByPointer);
    }
}
