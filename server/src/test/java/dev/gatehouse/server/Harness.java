package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Starts real servers on loopback (an ephemeral port) and talks to them over HTTP. */
final class Harness {
    static final Path ROOT =
            Path.of(System.getProperty("gatehouse.root", "..")).toAbsolutePath().normalize();
    static final Path EXAMPLE = ROOT.resolve("fixtures/worked-example");
    static final String AT = "2026-11-28T12:00:00Z";
    /** The bundled default rulebase, precompiled: compiled once per test JVM. */
    static final PolicyEngine ENGINE = PolicyEngine.builder().build();

    static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Harness() {}

    static ServeOptions.Builder options() {
        return ServeOptions.builder().listen("127.0.0.1", 0).replica("test-a");
    }

    static GatehouseServer start(ServeOptions.Builder options) throws IOException {
        return GatehouseServer.start(options.build(), ENGINE);
    }

    /** The worked example as a decision request body, its exception as a JSON object, or without any. */
    static ObjectNode example(boolean withException) {
        EvaluationInput input = Inputs.read(
                EXAMPLE.resolve("evidence.json"),
                EXAMPLE.resolve("readback.json"),
                withException ? EXAMPLE.resolve("exceptions") : null);
        dev.gatehouse.internal.InputDocuments d = dev.gatehouse.internal.InputReading.documents(input);
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("evidence", d.evidence());
        body.set("readback", d.readback());
        body.putArray("exceptions").addAll(d.exceptions());
        body.put("at", AT);
        return body;
    }

    /** The worked example with its exception as the YAML text of the file, as the page uploads it. */
    static ObjectNode exampleWithYaml() throws IOException {
        ObjectNode body = example(false);
        body.putArray("exceptions").add(Files.readString(EXAMPLE.resolve("exceptions/EXC-2026-031.yaml")));
        return body;
    }

    static HttpResponse<String> post(GatehouseServer s, String path, String body)
            throws IOException, InterruptedException {
        return post(s, path, body, Map.of());
    }

    static HttpResponse<String> post(GatehouseServer s, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(s, path))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!headers.containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> get(GatehouseServer s, String path) throws IOException, InterruptedException {
        return get(s, path, Map.of());
    }

    static HttpResponse<String> get(GatehouseServer s, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(s, path))
                .timeout(Duration.ofSeconds(60))
                .GET();
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static URI uri(GatehouseServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.port() + path);
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }
}
