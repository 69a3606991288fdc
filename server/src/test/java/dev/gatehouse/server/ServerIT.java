package dev.gatehouse.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.log.DecisionLog;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown, the time limit and the decision log with several replicas, against real servers on loopback. */
class ServerIT {
    @TempDir
    Path tmp;

    @Test
    void shutdownFinishesTheRequestInFlightLogsItAndRefusesNewOnes() throws Exception {
        Path log = tmp.resolve("decisions.jsonl");
        GatehouseServer s = Harness.start(Harness.options().log(log));
        byte[] body = Harness.example(true).toString().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            // Headers and half the body: the request is in flight when the shutdown begins.
            out.write(
                    ("POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                                    + body.length + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(300);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::stop);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!s.draining() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(s.draining());
            // A new request meanwhile is refused, and readiness says so.
            HttpResponse<String> refused =
                    Harness.post(s, "/v1/decisions", Harness.example(true).toString());
            assertEquals(503, refused.statusCode());
            assertEquals("draining", Harness.json(refused).get("error").asText());
            assertEquals(503, Harness.get(s, "/readyz").statusCode());
            assertFalse(stopping.isDone(), "stop() returned with a request in flight");
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String response = read(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.contains("\"eligible\": true"), response);
            stopping.get();
        }
        DecisionLog.Verification v = DecisionLog.verify(log);
        assertTrue(v.ok(), v.problem());
        assertEquals(1, v.lines());
    }

    @Test
    void twoReplicasWriteTwoLogsThatBothVerifyAndNameTheirReplica() throws Exception {
        Path a = tmp.resolve("decisions-a.jsonl");
        Path b = tmp.resolve("decisions-b.jsonl");
        try (GatehouseServer ra = Harness.start(Harness.options().log(a).replica("gatehouse-7d9f-a"));
                GatehouseServer rb = Harness.start(Harness.options().log(b).replica("gatehouse-7d9f-b"))) {
            List<CompletableFuture<HttpResponse<String>>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                GatehouseServer target = i % 2 == 0 ? ra : rb;
                String body = Harness.example(i % 4 < 2).toString();
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return Harness.post(target, "/v1/decisions", body);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (CompletableFuture<HttpResponse<String>> c : calls) {
                assertEquals(200, c.get().statusCode());
            }
        }
        for (Path log : List.of(a, b)) {
            DecisionLog.Verification v = DecisionLog.verify(log);
            assertTrue(v.ok(), log + ": " + v.problem());
            assertEquals(10, v.lines());
            String replica = log.equals(a) ? "gatehouse-7d9f-a" : "gatehouse-7d9f-b";
            for (String line : Files.readAllLines(log)) {
                assertEquals(
                        replica, Json.mapper().readTree(line).get("replica").asText());
            }
        }
        // A line of one replica's chain moved into the other's log is named.
        List<String> mixed = new java.util.ArrayList<>(Files.readAllLines(a));
        mixed.add(Files.readAllLines(b).get(0));
        Path m = tmp.resolve("mixed.jsonl");
        Files.write(m, mixed);
        DecisionLog.Verification v = DecisionLog.verify(m);
        assertEquals(11, v.firstBroken());
    }

    @Test
    void anEvaluationPastItsTimeLimitIs503NeverADecision() throws Exception {
        PolicyEngine runaway = PolicyEngine.builder()
                .rules(Harness.ROOT.resolve("engine/src/test/resources/rulebases/runaway"))
                .evaluationTimeout(Duration.ofSeconds(1))
                .build();
        try (GatehouseServer s = GatehouseServer.start(Harness.options().build(), runaway)) {
            HttpResponse<String> r =
                    Harness.post(s, "/v1/decisions", Harness.example(true).toString());
            assertEquals(503, r.statusCode(), r.body());
            JsonNode p = Harness.json(r);
            assertEquals("timeout", p.get("error").asText());
            assertEquals(
                    "the evaluation took longer than its time limit; no decision was made",
                    p.get("message").asText());
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
            SafetyTest.assertClean(r);
            assertTrue(Harness.get(s, "/metrics")
                    .body()
                    .contains("gatehouse_rejected_requests_total{reason=\"timeout\"} 1.0"));
        }
    }

    private static String read(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
