package dev.gatehouse.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The limits a gate service needs, each against a real server on loopback. */
class SafetyTest {
    static final String EVALUATE_TOKEN = "ci-token-0123456789";
    static final String REVIEW_TOKEN = "review-token-9876543210";
    static GatehouseServer open;
    static GatehouseServer guarded;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        open = Harness.start(Harness.options().maxBodyBytes(256 * 1024));
        Path tokens = tmp.resolve("tokens");
        Files.writeString(
                tokens,
                "# CI and the page\n" + Tokens.line(EVALUATE_TOKEN, Role.EVALUATE) + " ci\n\n"
                        + Tokens.line(REVIEW_TOKEN, Role.REVIEW) + " reviewers\n");
        guarded = Harness.start(Harness.options().tokens(tokens));
    }

    @AfterAll
    static void stop() {
        open.stop();
        guarded.stop();
    }

    record Hostile(String name, String body, String contentType, int status, String firstDiagnostic) {}

    static String example() {
        return Harness.example(true).toString();
    }

    static List<Hostile> hostile() {
        String ex = example();
        ObjectNode noEvidenceDoc = Harness.example(true);
        noEvidenceDoc.put("evidence", 1);
        return List.of(
                new Hostile(
                        "not JSON",
                        "not json",
                        "application/json",
                        400,
                        "request:1:1: syntax-error: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                new Hostile(
                        "an array",
                        "[]",
                        "application/json",
                        400,
                        "request: /: the request must be a JSON object with evidence, readback, and optionally exceptions and at"),
                new Hostile(
                        "a duplicate key",
                        "{\"evidence\":{},\"evidence\":{}}",
                        "application/json",
                        400,
                        "request:1:26: syntax-error: Duplicate field 'evidence'"),
                new Hostile(
                        "nothing in it",
                        "{}",
                        "application/json",
                        400,
                        "request: /evidence: the evidence document is required"),
                new Hostile(
                        "evidence not an object",
                        noEvidenceDoc.toString(),
                        "application/json",
                        400,
                        "request: /evidence: the evidence document must be a JSON object"),
                new Hostile(
                        "nesting 100 deep",
                        "[".repeat(100) + "]".repeat(100),
                        "application/json",
                        400,
                        "request:1:65: input-too-large: nests objects and lists deeper than the limit of 64 levels"),
                new Hostile(
                        "an infinite number",
                        "{\"evidence\":{\"n\":1e999999}}",
                        "application/json",
                        400,
                        "request: /evidence/n: is too large (it reads as infinity): every number must be finite"),
                new Hostile(
                        "a 10,000-digit number",
                        "{\"evidence\":{\"n\":" + "9".repeat(10_000) + "}}",
                        "application/json",
                        400,
                        null),
                new Hostile(
                        "an unknown field in the evidence",
                        ex.replaceFirst("\"release\":\\{", "\"release\":{\"bogus\":1,"),
                        "application/json",
                        400,
                        "evidence: /release/bogus: is not a known field"),
                new Hostile(
                        "an unknown field in the request",
                        ex.replaceFirst("\\{", "{\"<script>\":1,"),
                        "application/json",
                        400,
                        "request: /<script>: unknown field; expected one of [at, evidence, exceptions, readback]"),
                new Hostile(
                        "a time that is not UTC",
                        ex.replace("\"at\":\"2026-11-28T12:00:00Z\"", "\"at\":\"2026-11-28T12:00:00+02:00\""),
                        "application/json",
                        400,
                        "request: /at: must be an RFC 3339 UTC instant such as 2026-11-28T12:00:00Z"),
                new Hostile(
                        "exception YAML that does not parse",
                        ex.replaceFirst("\"exceptions\":\\[\\{.*\\}\\],\"at\"", "\"exceptions\":[\"id: [\"],\"at\""),
                        "application/json",
                        400,
                        "exceptions/0:1:6: syntax-error: while parsing a flow node"),
                new Hostile(
                        "exception YAML with an alias",
                        ex.replaceFirst(
                                "\"exceptions\":\\[\\{.*\\}\\],\"at\"",
                                "\"exceptions\":[\"a: &x [1]\\nb: *x\"],\"at\""),
                        "application/json",
                        400,
                        null),
                new Hostile(
                        "sent as a form",
                        ex,
                        "application/x-www-form-urlencoded",
                        400,
                        "request: /: the request must be sent as Content-Type: application/json"),
                new Hostile(
                        "sent as text",
                        ex,
                        "text/plain",
                        400,
                        "request: /: the request must be sent as Content-Type: application/json"),
                new Hostile("an empty body", "", "application/json", 400, null),
                new Hostile(
                        "invalid UTF-8",
                        new String(
                                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                                StandardCharsets.ISO_8859_1),
                        "application/json",
                        400,
                        null));
    }

    @TestFactory
    Stream<DynamicTest> hostileBodiesGetTheirDiagnosticAndNeverAStackTraceOrAPath() {
        return hostile().stream()
                .map(h -> DynamicTest.dynamicTest(h.name(), () -> {
                    HttpResponse<String> r =
                            Harness.post(open, "/v1/decisions", h.body(), Map.of("Content-Type", h.contentType()));
                    assertEquals(h.status(), r.statusCode(), r.body());
                    JsonNode p = Harness.json(r);
                    assertEquals(h.status(), p.get("status").asInt());
                    assertEquals("bad-input", p.get("error").asText());
                    assertTrue(p.get("diagnostics").size() >= 1, r.body());
                    if (h.firstDiagnostic() != null) {
                        assertEquals(
                                h.firstDiagnostic(),
                                p.get("diagnostics").get(0).get("text").asText());
                    }
                    assertClean(r);
                }));
    }

    /** No stack trace, no class of ours or the JDK's, no path of this machine, never eligible. */
    static void assertClean(HttpResponse<String> r) {
        String b = r.body();
        for (String leak : List.of(
                "\tat ",
                "Exception",
                "dev.gatehouse",
                "java.",
                "/work",
                "/root",
                "/tmp",
                "jetty",
                "Jetty",
                "javalin")) {
            assertFalse(b.contains(leak), "the response leaks '" + leak + "': " + b);
        }
        assertFalse(b.contains("\"eligible\""), b);
        assertTrue(r.headers().firstValue("Server").isEmpty(), "a Server header");
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        // Declared: the headers alone say the body is too large, and the service refuses on them, before reading any
        // of it. The request is written by hand, headers only: a client that went on writing a body the service
        // never reads would make the service's close a TCP reset, which can destroy the 413 in flight (a property of
        // TCP, not of the service), and the test would be flaky.
        try (Socket socket = new Socket("127.0.0.1", open.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + open.port()
                                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (300 * 1024)
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("too-large"), response);
        }
        // Not declared (chunked): the service reads up to the limit and one byte more, then refuses. The body is just
        // over the limit, so the service has read all of it when it answers (no unread bytes, no reset).
        String over = "{\"evidence\":\"" + "a".repeat(256 * 1024) + "\"}";
        HttpRequest chunked = HttpRequest.newBuilder(Harness.uri(open, "/v1/decisions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(over.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> r = Harness.CLIENT.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode());
        assertClean(r);
    }

    @Test
    void pastTheInFlightBoundAndTheWaitA503WithRetryAfterNotAQueue() throws Exception {
        int permits = open.evaluations().availablePermits();
        open.evaluations().acquire(permits);
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> r = Harness.post(open, "/v1/decisions", example());
            assertTrue(System.nanoTime() - t0 >= ServeOptions.MAX_WAIT.toNanos(), "refused before the wait");
            assertEquals(503, r.statusCode());
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
            assertEquals("busy", Harness.json(r).get("error").asText());
            assertClean(r);
        } finally {
            open.evaluations().release(permits);
        }
        assertEquals(200, Harness.post(open, "/v1/decisions", example()).statusCode());
        assertTrue(Harness.get(open, "/metrics")
                .body()
                .contains("gatehouse_rejected_requests_total{reason=\"busy\"} 1.0"));
    }

    @Test
    void withNoWaitingRoomTheRefusalIsImmediate() throws Exception {
        try (GatehouseServer s = Harness.start(Harness.options().maxInFlight(1).maxWaiting(0))) {
            s.evaluations().acquire();
            long t0 = System.nanoTime();
            HttpResponse<String> r = Harness.post(s, "/v1/decisions", example());
            assertEquals(503, r.statusCode());
            assertTrue(System.nanoTime() - t0 < ServeOptions.MAX_WAIT.toNanos(), "it waited");
            assertEquals(
                    "too many evaluations in flight (1, and 0 waiting); retry after a second",
                    Harness.json(r).get("message").asText());
        }
    }

    record Call(String name, String method, String path, String token, int status) {}

    @TestFactory
    Stream<DynamicTest> tokens401WithoutOne403ForTheWrongRole() {
        return Stream.of(
                        new Call("no token", "POST", "/v1/decisions", null, 401),
                        new Call("an unknown token", "POST", "/v1/decisions", "guess", 401),
                        new Call(
                                "the hash instead of the token",
                                "POST",
                                "/v1/decisions",
                                Tokens.line(EVALUATE_TOKEN, Role.EVALUATE).substring(0, 71),
                                401),
                        new Call("evaluate asks for a decision", "POST", "/v1/decisions", EVALUATE_TOKEN, 200),
                        new Call("review asks for a decision", "POST", "/v1/decisions", REVIEW_TOKEN, 200),
                        new Call("evaluate asks for a what-if", "POST", "/v1/whatif", EVALUATE_TOKEN, 403),
                        new Call("evaluate reads the rulebase", "GET", "/v1/rulebase", EVALUATE_TOKEN, 403),
                        new Call("evaluate reads the log", "GET", "/v1/log", EVALUATE_TOKEN, 403),
                        new Call("review reads the rulebase", "GET", "/v1/rulebase", REVIEW_TOKEN, 200),
                        new Call("no token reads the rulebase", "GET", "/v1/rulebase", null, 401),
                        new Call("health needs none", "GET", "/healthz", null, 200),
                        new Call("metrics need none", "GET", "/metrics", null, 200),
                        new Call("the page needs none", "GET", "/", null, 200))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Map<String, String> h =
                            c.token() == null ? Map.of() : Map.of("Authorization", "Bearer " + c.token());
                    HttpResponse<String> r = "GET".equals(c.method())
                            ? Harness.get(guarded, c.path(), h)
                            : Harness.post(guarded, c.path(), example(), h);
                    assertEquals(c.status(), r.statusCode(), r.body());
                    if (c.status() == 401) {
                        assertEquals(
                                "Bearer realm=\"gatehouse\"",
                                r.headers().firstValue("WWW-Authenticate").orElse(""));
                        assertEquals(
                                "unauthorized", Harness.json(r).get("error").asText());
                    }
                    if (c.status() == 403) {
                        assertEquals("forbidden", Harness.json(r).get("error").asText());
                    }
                }));
    }

    @Test
    void aTokensFileThatIsNotOneIsRefusedNamingTheLine() throws Exception {
        Path bad = tmp.resolve("bad-tokens");
        Files.writeString(bad, "# comment\nsecret-token evaluate\n");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Harness.start(Harness.options().tokens(bad)));
        assertEquals(
                bad
                        + ":2: expected 'sha256:<64 lowercase hex digits> evaluate|review [name]' (the sha256 of the token, "
                        + "never the token itself)",
                e.getMessage());
        Path empty = tmp.resolve("empty-tokens");
        Files.writeString(empty, "# nobody\n");
        assertEquals(
                empty + ": no token in the file",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Harness.start(Harness.options().tokens(empty)))
                        .getMessage());
    }

    @Test
    void aNonLoopbackAddressWithoutTokensIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Harness.start(Harness.options().listen("0.0.0.0", 0)));
        assertEquals(
                "refusing to listen on 0.0.0.0 without --tokens: anyone who can reach it could ask for decisions; give a "
                        + "tokens file, or listen on loopback (127.0.0.1)",
                e.getMessage());
        assertTrue(ServeOptions.isLoopback("127.0.0.1"));
        assertTrue(ServeOptions.isLoopback("::1"));
        assertTrue(ServeOptions.isLoopback("localhost"));
        assertFalse(ServeOptions.isLoopback("0.0.0.0"));
        assertFalse(ServeOptions.isLoopback("::"));
    }

    @Test
    void itListensOnTheConfiguredAddressOnly() {
        assertEquals(1, open.connectors());
    }

    @Test
    void unknownRoutesAndMethodsAreSmallJsonProblems() throws Exception {
        HttpResponse<String> r = Harness.get(open, "/etc/passwd");
        assertEquals(404, r.statusCode());
        assertEquals("no such route", Harness.json(r).get("message").asText());
        assertClean(r);
        HttpResponse<String> m = Harness.get(open, "/v1/decisions");
        assertEquals(405, m.statusCode());
        assertClean(m);
        HttpResponse<String> u = Harness.get(open, "/ui/..%2F..%2Fopenapi.json");
        assertEquals(404, u.statusCode());
    }

    @Test
    void headersTooLargeAndAGarbageRequestLineGetAFixedJsonBody() throws Exception {
        for (String request : List.of(
                "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n",
                "BLAH /\u0000 HTTP/9.9\r\n\r\n")) {
            try (Socket s = new Socket("127.0.0.1", open.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = s.getInputStream();
                String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(response.startsWith("HTTP/1.1 4"), response);
                assertFalse(
                        response.contains("Exception") || response.contains("jetty") || response.contains("\tat "),
                        response);
                assertTrue(response.endsWith("\"message\":\"the request could not be read\"}"), response);
            }
        }
    }

    @Test
    void withoutTokensARequestForAnotherHostNameIsRefused() throws Exception {
        for (String host : List.of("evil.example", "evil.example:" + open.port(), "127.0.0.1.evil.example", "[::2]")) {
            try (Socket s = new Socket("127.0.0.1", open.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream()
                        .write(("GET /v1/log HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 403"), host + ": " + response);
                assertTrue(
                        response.contains("without --tokens the service answers only requests addressed to 127.0.0.1, "
                                + "[::1] or localhost"),
                        response);
            }
        }
        for (String host :
                List.of("127.0.0.1:" + open.port(), "localhost:" + open.port(), "[::1]:" + open.port(), "LOCALHOST")) {
            assertTrue(GatehouseServer.loopbackHost(host), host);
        }
    }

    @Test
    void aDecisionThatCannotBeLoggedIsA500NotADecision() throws Exception {
        try (GatehouseServer s = Harness.start(Harness.options().log(tmp.resolve("no-such-folder/decisions.jsonl")))) {
            HttpResponse<String> r = Harness.post(s, "/v1/decisions", example());
            assertEquals(500, r.statusCode());
            assertEquals("not-logged", Harness.json(r).get("error").asText());
            assertNotEquals(200, r.statusCode());
            assertClean(r);
        }
    }
}
