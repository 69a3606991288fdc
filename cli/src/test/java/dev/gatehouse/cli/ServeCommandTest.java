package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.server.GatehouseServer;
import dev.gatehouse.server.ServeOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse serve} and the command agree: for the same inputs, POST /v1/decisions answers exactly the bytes
 * {@code evaluate} prints, and a 400 lists exactly the diagnostics {@code evaluate} prints on stderr.
 */
class ServeCommandTest {
    static final Path EXAMPLE = CliRun.ROOT.resolve("fixtures/worked-example");
    static final String AT = "2026-11-28T12:00:00Z";
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static GatehouseServer server;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = GatehouseServer.start(
                ServeOptions.builder()
                        .listen("127.0.0.1", 0)
                        .replica("test")
                        .fixtures(CliRun.ROOT.resolve("fixtures"))
                        .build(),
                PolicyEngine.builder().build());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static ObjectNode body(Path evidence, Path readback, List<String> exceptionYaml, String at) throws Exception {
        ObjectNode b = Json.mapper().createObjectNode();
        b.set("evidence", Json.mapper().readTree(Files.readString(evidence)));
        b.set("readback", Json.mapper().readTree(Files.readString(readback)));
        b.putArray("exceptions").addAll(exceptionYaml.stream().map(b::textNode).toList());
        b.put("at", at);
        return b;
    }

    @Test
    void theWorkedExampleAnswersExactlyWhatEvaluatePrints() throws Exception {
        CliRun cli = CliRun.of(
                "evaluate",
                "--evidence",
                EXAMPLE.resolve("evidence.json").toString(),
                "--readback",
                EXAMPLE.resolve("readback.json").toString(),
                "--exceptions",
                EXAMPLE.resolve("exceptions").toString(),
                "--at",
                AT);
        assertEquals(0, cli.exit(), cli.err());
        HttpResponse<String> r = post(
                "/v1/decisions",
                body(
                                EXAMPLE.resolve("evidence.json"),
                                EXAMPLE.resolve("readback.json"),
                                List.of(Files.readString(EXAMPLE.resolve("exceptions/EXC-2026-031.yaml"))),
                                AT)
                        .toString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(cli.out(), r.body());
    }

    /** Every tenth golden case: its documents written as files for the command, and sent as they are to the server. */
    @TestFactory
    Stream<DynamicTest> goldenCasesAnswerExactlyWhatEvaluatePrints() throws Exception {
        JsonNode list = Json.mapper().readTree(get("/v1/fixtures").body());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i += 10) {
            names.add(list.get(i).get("name").asText());
        }
        return names.stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    HttpResponse<String> f = get("/v1/fixtures/" + name);
                    assertEquals(200, f.statusCode(), f.body());
                    JsonNode req = Json.mapper().readTree(f.body());
                    Path dir = Files.createDirectories(tmp.resolve(name));
                    Files.writeString(dir.resolve("evidence.json"), Json.pretty(req.get("evidence")));
                    Files.writeString(dir.resolve("readback.json"), Json.pretty(req.get("readback")));
                    Path ex = Files.createDirectories(dir.resolve("exceptions"));
                    for (int i = 0; i < req.get("exceptions").size(); i++) {
                        Files.writeString(
                                ex.resolve("x" + i + ".json"),
                                Json.pretty(req.get("exceptions").get(i)));
                    }
                    CliRun cli = CliRun.of(
                            "evaluate",
                            "--evidence",
                            dir.resolve("evidence.json").toString(),
                            "--readback",
                            dir.resolve("readback.json").toString(),
                            "--exceptions",
                            ex.toString(),
                            "--at",
                            req.get("at").asText());
                    HttpResponse<String> r = post("/v1/decisions", f.body());
                    assertEquals(200, r.statusCode(), r.body());
                    assertEquals(cli.out(), r.body());
                    assertEquals(
                            cli.exit() == 0,
                            Json.mapper().readTree(r.body()).get("eligible").asBoolean());
                }));
    }

    record Broken(String name, String from, String to) {}

    @TestFactory
    Stream<DynamicTest> badEvidenceGetsTheDiagnosticsEvaluatePrints() {
        return Stream.of(
                        new Broken("an unknown field", "\"release\": {", "\"release\": {\"bogus\": 1,"),
                        new Broken("a missing service", "\"service\": \"gpu-node-agent\",", ""),
                        new Broken("a wrong type", "\"requestedRing\": 2", "\"requestedRing\": \"two\""),
                        new Broken(
                                "a bad timestamp",
                                "\"finishedAt\": \"2026-11-20T09:12:00Z\"",
                                "\"finishedAt\": \"yesterday\""),
                        new Broken(
                                "a wrong kind", "\"kind\": \"ReleaseEvidence\"", "\"kind\": \"EnvironmentReadback\""))
                .map(b -> DynamicTest.dynamicTest(b.name(), () -> {
                    String text = Files.readString(EXAMPLE.resolve("evidence.json"));
                    assertTrue(text.contains(b.from()), b.from());
                    Path evidence = tmp.resolve("broken-" + b.name().replace(' ', '-') + ".json");
                    Files.writeString(evidence, text.replace(b.from(), b.to()));
                    CliRun cli = CliRun.of(
                            "evaluate",
                            "--evidence",
                            evidence.toString(),
                            "--readback",
                            EXAMPLE.resolve("readback.json").toString(),
                            "--at",
                            AT);
                    assertEquals(2, cli.exit(), cli.err());
                    List<String> expected = cli.err()
                            .lines()
                            .filter(l -> l.startsWith(evidence.toString()))
                            .map(l ->
                                    "evidence" + l.substring(evidence.toString().length()))
                            .toList();
                    assertTrue(!expected.isEmpty(), cli.err());
                    HttpResponse<String> r = post(
                            "/v1/decisions",
                            body(evidence, EXAMPLE.resolve("readback.json"), List.of(), AT)
                                    .toString());
                    assertEquals(400, r.statusCode(), r.body());
                    List<String> actual = new ArrayList<>();
                    Json.mapper()
                            .readTree(r.body())
                            .get("diagnostics")
                            .forEach(d -> actual.add(d.get("text").asText()));
                    assertEquals(expected, actual);
                }));
    }

    @Test
    void aNonLoopbackAddressWithoutTokensIsExit2() {
        CliRun r = CliRun.of("serve", "--listen", "0.0.0.0:8181");
        assertEquals(2, r.exit());
        assertEquals(
                "gatehouse: refusing to listen on 0.0.0.0 without --tokens: anyone who can reach it could ask for "
                        + "decisions; give a tokens file, or listen on loopback (127.0.0.1)\n",
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void aListenAddressThatIsNotHostAndPortIsExit2() {
        CliRun r = CliRun.of("serve", "--listen", "8181");
        assertEquals(2, r.exit());
        assertEquals(
                "gatehouse: --listen must be HOST:PORT (such as 127.0.0.1:8181 or [::1]:8181), not 8181\n", r.err());
    }

    @Test
    void aTokensFileThatDoesNotExistIsExit2() {
        CliRun r = CliRun.of(
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--tokens",
                tmp.resolve("nope").toString());
        assertEquals(2, r.exit());
        assertEquals("gatehouse: the tokens file " + tmp.resolve("nope") + " does not exist\n", r.err());
    }

    /** A replica started with --log-key signs its chain (named after it), and log verify --key checks every line. */
    @Test
    void aSignedServerLogVerifiesWithItsKeyAndFailsWithAnother() throws Exception {
        Path keys = CliRun.ROOT.resolve("docs/examples/trust");
        Path log = tmp.resolve("signed-" + System.nanoTime() + ".jsonl");
        GatehouseServer signed = GatehouseServer.start(
                ServeOptions.builder()
                        .listen("127.0.0.1", 0)
                        .replica("replica-a")
                        .log(log)
                        .logSealer(TrustOptions.logSealer(
                                "--log-key", keys.resolve("example-signing-key.pem"), "--replica", "replica-a"))
                        .fixtures(CliRun.ROOT.resolve("fixtures"))
                        .build(),
                PolicyEngine.builder().build());
        try {
            String request = body(
                            EXAMPLE.resolve("evidence.json"),
                            EXAMPLE.resolve("readback.json"),
                            List.of(Files.readString(EXAMPLE.resolve("exceptions/EXC-2026-031.yaml"))),
                            AT)
                    .toString();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = CLIENT.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + signed.port() + "/v1/decisions"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(request))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertEquals(200, r.statusCode(), r.body());
            }
        } finally {
            signed.stop();
        }
        CliRun ok = CliRun.of(
                "log",
                "verify",
                log.toString(),
                "--key",
                keys.resolve("example-signing-key.pub").toString(),
                "--chain",
                "replica-a");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().startsWith(log + ": OK, 2 lines, head sha256:"), ok.out());
        Path other = tmp.resolve("other-" + System.nanoTime() + ".pem");
        Files.writeString(other, OTHER_PUBLIC_KEY, StandardCharsets.US_ASCII);
        CliRun wrong = CliRun.of("log", "verify", log.toString(), "--key", other.toString());
        assertEquals(1, wrong.exit(), wrong.out() + wrong.err());
    }

    @Test
    void aLogKeyWithoutALogIsExit2() {
        CliRun r = CliRun.of(
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--log-key",
                CliRun.ROOT
                        .resolve("docs/examples/trust/example-signing-key.pem")
                        .toString());
        assertEquals(2, r.exit());
        assertEquals("gatehouse: --log-key needs --log FILE (the log whose lines it signs)\n", r.err());
    }

    /** An Ed25519 public key that is not the example's (RFC 8032, test 1). */
    static final String OTHER_PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\n"
            + "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
            + "-----END PUBLIC KEY-----\n";

    /** POST /v1/attestations answers, byte for byte, what evaluate --attest writes, and verify accepts it. */
    @Test
    void anAttestationFromTheServiceIsWhatEvaluateAttestWritesAndVerifies() throws Exception {
        Path keys = CliRun.ROOT.resolve("docs/examples/trust");
        Path written = tmp.resolve("att-" + System.nanoTime() + ".json");
        CliRun cli = CliRun.of(
                "evaluate",
                "--evidence",
                EXAMPLE.resolve("evidence.json").toString(),
                "--readback",
                EXAMPLE.resolve("readback.json").toString(),
                "--exceptions",
                EXAMPLE.resolve("exceptions").toString(),
                "--at",
                AT,
                "--attest",
                written.toString(),
                "--signing-key",
                keys.resolve("example-signing-key.pem").toString());
        assertEquals(0, cli.exit(), cli.err());
        dev.gatehouse.trust.Keys.SigningKey key =
                TrustOptions.signingKey("--signing-key", keys.resolve("example-signing-key.pem"));
        GatehouseServer signing = GatehouseServer.start(
                ServeOptions.builder()
                        .listen("127.0.0.1", 0)
                        .replica("test")
                        .attester(
                                (input, decision) -> dev.gatehouse.trust.Attestations.signedJson(input, decision, key))
                        .fixtures(CliRun.ROOT.resolve("fixtures"))
                        .build(),
                PolicyEngine.builder().build());
        Path served = tmp.resolve("served-" + System.nanoTime() + ".json");
        try {
            HttpResponse<String> r = CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + signing.port() + "/v1/attestations"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body(
                                            EXAMPLE.resolve("evidence.json"),
                                            EXAMPLE.resolve("readback.json"),
                                            List.of(Files.readString(EXAMPLE.resolve("exceptions/EXC-2026-031.yaml"))),
                                            AT)
                                    .toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(Files.readString(written), r.body());
            Files.writeString(served, r.body(), StandardCharsets.UTF_8);
        } finally {
            signing.stop();
        }
        CliRun verify = CliRun.of(
                "verify",
                "--attestation",
                served.toString(),
                "--key",
                keys.resolve("example-signing-key.pub").toString(),
                "--digest",
                "sha256:9b8e7f6a5d4c3b2a19081726354453627180918a7b6c5d4e3f2a1b0c9d8e7f6a",
                "--environment",
                "production",
                "--at",
                "2026-11-28T13:00:00Z");
        assertEquals(0, verify.exit(), verify.err());
    }

    @Test
    void aServiceWithoutASigningKeyAnswersAttestations404() throws Exception {
        HttpResponse<String> r = post("/v1/attestations", "{}");
        assertEquals(404, r.statusCode());
        assertEquals(
                "this service signs no attestations (start it with --signing-key)",
                Json.mapper().readTree(r.body()).path("message").asText(),
                r.body());
    }

    static EvaluationInput example() {
        return Inputs.read(
                EXAMPLE.resolve("evidence.json"), EXAMPLE.resolve("readback.json"), EXAMPLE.resolve("exceptions"));
    }
}
