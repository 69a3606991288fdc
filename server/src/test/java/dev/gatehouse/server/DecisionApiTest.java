package dev.gatehouse.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.internal.json.Json;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /v1/decisions and the read-only routes, against a real server on loopback. */
class DecisionApiTest {
    static GatehouseServer server;

    @BeforeAll
    static void start() throws Exception {
        server = Harness.start(Harness.options().fixtures(Harness.ROOT.resolve("fixtures")));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void theWorkedExampleIsEligibleRing2AndTheBodyIsTheDecisionAsTheEngineWritesIt() throws Exception {
        HttpResponse<String> r =
                Harness.post(server, "/v1/decisions", Harness.example(true).toString());
        assertEquals(200, r.statusCode(), r.body());
        EvaluationInput input = Inputs.read(
                Harness.EXAMPLE.resolve("evidence.json"),
                Harness.EXAMPLE.resolve("readback.json"),
                Harness.EXAMPLE.resolve("exceptions"));
        assertEquals(Json.pretty(Harness.ENGINE.evaluate(input, Instant.parse(Harness.AT))), r.body());
        JsonNode d = Harness.json(r);
        assertTrue(d.get("eligible").asBoolean());
        assertEquals(2, d.path("ring").path("allowed").asInt());
        assertEquals(
                "application/json;charset=utf-8",
                r.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void anExceptionSentAsTheYamlOfItsFileGivesTheSameDecisionAndDigest() throws Exception {
        HttpResponse<String> asObject =
                Harness.post(server, "/v1/decisions", Harness.example(true).toString());
        HttpResponse<String> asYaml =
                Harness.post(server, "/v1/decisions", Harness.exampleWithYaml().toString());
        assertEquals(200, asYaml.statusCode(), asYaml.body());
        assertEquals(asObject.body(), asYaml.body());
    }

    @Test
    void withoutItsExceptionTheWorkedExampleIsNotEligible() throws Exception {
        ObjectNode body = Harness.example(false);
        HttpResponse<String> r = Harness.post(server, "/v1/decisions", body.toString());
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(Harness.json(r).get("eligible").asBoolean());
    }

    @Test
    void healthReadinessAndRulebase() throws Exception {
        assertEquals("{\"status\":\"ok\"}", Harness.get(server, "/healthz").body());
        JsonNode ready = Harness.json(Harness.get(server, "/readyz"));
        assertEquals("ready", ready.get("status").asText());
        assertEquals(Harness.ENGINE.rulebaseDigest(), ready.get("rulebase").asText());
        JsonNode rb = Harness.json(Harness.get(server, "/v1/rulebase"));
        assertEquals(Harness.ENGINE.rulebaseDigest(), rb.get("digest").asText());
        assertEquals(Harness.ENGINE.controls().size(), rb.get("controls").size());
        assertEquals(
                "hard",
                rb.path("enforcement").path("production").path("RSK-001").asText());
        assertEquals(Harness.ENGINE.settings().size(), rb.get("settings").size());
    }

    @Test
    void metricsCountDecisionsByOutcome() throws Exception {
        Harness.post(server, "/v1/decisions", Harness.example(true).toString());
        String m = Harness.get(server, "/metrics").body();
        assertTrue(m.contains("gatehouse_decisions_total{outcome=\"eligible\"}"), m);
        assertTrue(m.contains("gatehouse_decision_latency_seconds_bucket"), m);
        assertTrue(m.contains("gatehouse_rejected_requests_total{reason=\"busy\"}"), m);
    }

    @Test
    void aDecisionIsLoggedAndItsLogEntryOpensAsTheSameRequest(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path log = tmp.resolve("decisions.jsonl");
        try (GatehouseServer s = Harness.start(Harness.options().log(log).replica("page-test"))) {
            assertEquals(
                    "{\"configured\":true,\"entries\":[],\"replica\":\"page-test\"}",
                    Harness.json(Harness.get(s, "/v1/log")).toString());
            HttpResponse<String> decided =
                    Harness.post(s, "/v1/decisions", Harness.example(true).toString());
            assertEquals(200, decided.statusCode());
            JsonNode entries = Harness.json(Harness.get(s, "/v1/log")).get("entries");
            assertEquals(
                    "[{\"at\":\"2026-11-28T12:00:00Z\",\"eligible\":true,\"line\":1,\"ring\":2,"
                            + "\"service\":\"gpu-node-agent\",\"to\":\"production\",\"version\":\"2.8.0\"}]",
                    entries.toString());
            HttpResponse<String> entry = Harness.get(s, "/v1/log/1");
            assertEquals(200, entry.statusCode());
            assertEquals(
                    decided.body(),
                    Harness.post(s, "/v1/decisions", entry.body()).body());
            assertEquals(404, Harness.get(s, "/v1/log/3").statusCode());
            assertEquals(404, Harness.get(s, "/v1/log/-1").statusCode());
            assertEquals(2, dev.gatehouse.log.DecisionLog.verify(log).lines());
        }
    }

    @Test
    void aFixtureOpensAsADecisionRequestThatDecidesAsItsCaseSays() throws Exception {
        JsonNode list = Harness.json(Harness.get(server, "/v1/fixtures"));
        assertTrue(list.size() > 100, "fixtures: " + list.size());
        HttpResponse<String> f = Harness.get(server, "/v1/fixtures/worked-example");
        assertEquals(200, f.statusCode());
        HttpResponse<String> r = Harness.post(server, "/v1/decisions", f.body());
        assertEquals(
                Harness.post(server, "/v1/decisions", Harness.example(true).toString())
                        .body(),
                r.body());
        assertEquals(404, Harness.get(server, "/v1/fixtures/..%2F..%2Fetc").statusCode());
    }
}
