package dev.gatehouse.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Argo Rollouts AnalysisTemplate in docs/serve.md, taken at its word: the request it describes (method, path,
 * headers, body, with its arguments filled in) is sent to a real server, and the JSON path and success condition it
 * reads are evaluated on the answer.
 */
class ArgoTemplateTest {
    static final String TOKEN = "argo-rollouts-token-123";
    static GatehouseServer server;
    static JsonNode web;
    static JsonNode metric;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        String doc = Files.readString(Harness.ROOT.resolve("docs/serve.md"));
        Matcher m = Pattern.compile(
                        "```yaml\n(apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\n.*?)```", Pattern.DOTALL)
                .matcher(doc);
        assertTrue(m.find(), "docs/serve.md has no AnalysisTemplate block");
        JsonNode template = new YAMLMapper().readTree(m.group(1));
        assertEquals(1, template.at("/spec/metrics").size());
        metric = template.at("/spec/metrics/0");
        web = metric.at("/provider/web");
        Path tokens = tmp.resolve("tokens");
        Files.writeString(tokens, Tokens.line(TOKEN, Role.EVALUATE) + " argo\n");
        server = Harness.start(Harness.options().tokens(tokens));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** Sends the template's request with its args filled in; returns the measurement's result, as Argo reads it. */
    static JsonNode measure(String request) throws Exception {
        URI documented = URI.create(web.get("url").asText());
        HttpRequest.Builder b = HttpRequest.newBuilder(Harness.uri(server, documented.getPath()))
                .timeout(Duration.ofSeconds(web.get("timeoutSeconds").asInt()))
                .method(
                        web.get("method").asText(),
                        HttpRequest.BodyPublishers.ofString(
                                fill(web.get("body").asText(), request), StandardCharsets.UTF_8));
        for (JsonNode h : web.get("headers")) {
            b.header(h.get("key").asText(), fill(h.get("value").asText(), request));
        }
        HttpResponse<String> r = Harness.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        // jsonPath "{$.eligible}": Argo evaluates it on the JSON body.
        Matcher p = Pattern.compile("^\\{\\$\\.([A-Za-z]+)\\}$")
                .matcher(web.get("jsonPath").asText());
        assertTrue(p.matches(), web.get("jsonPath").asText());
        return Harness.json(r).get(p.group(1));
    }

    static String fill(String text, String request) {
        return text.replace("{{args.decision-request}}", request).replace("{{args.gatehouse-token}}", TOKEN);
    }

    /** The success condition, which must be exactly {@code result == true}. */
    static boolean success(JsonNode result) {
        assertEquals("result == true", metric.get("successCondition").asText());
        return result.isBoolean() && result.booleanValue();
    }

    @Test
    void theWorkedExamplePassesTheAnalysis() throws Exception {
        JsonNode result = measure(Harness.example(true).toString());
        assertTrue(result.isBoolean());
        assertTrue(success(result));
        assertEquals("/v1/decisions", URI.create(web.get("url").asText()).getPath());
        assertEquals(0, metric.get("failureLimit").asInt());
    }

    @Test
    void withoutItsExceptionTheAnalysisFails() throws Exception {
        JsonNode result = measure(Harness.example(false).toString());
        assertTrue(result.isBoolean());
        assertEquals(false, success(result));
    }
}
