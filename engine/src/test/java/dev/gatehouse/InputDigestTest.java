package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provenance's inputDigest is RFC 8785 (JCS) over the input documents as read: an independent few lines of
 * JavaScript reproduce it from the files, and a document's spelling (whitespace, member order, {@code 48} or
 * {@code 48.0}) does not change it; its values do.
 */
class InputDigestTest {
    static final Path WORKED = TestPaths.fixtures().resolve("worked-example");
    /** The worked example's inputDigest (also shown in docs/, where a doc test keeps it current). */
    static final String WORKED_DIGEST = "sha256:35a50a1927daaeb99a3c35d3b4f1fd90755dfeb3ecf75d5cb2292280b75e1102";

    /** JCS in a few lines of JavaScript: JSON.stringify writes numbers and strings as RFC 8785 does; keys sorted. */
    static final String NODE_SCRIPT = """
            const fs = require('fs'), crypto = require('crypto');
            const jcs = v => v === null || typeof v !== 'object' ? JSON.stringify(v)
              : Array.isArray(v) ? '[' + v.map(jcs).join(',') + ']'
              : '{' + Object.keys(v).sort().map(k => JSON.stringify(k) + ':' + jcs(v[k])).join(',') + '}';
            const read = f => JSON.parse(fs.readFileSync(f, 'utf8'));
            const [evidence, readback, ...exceptions] = process.argv.slice(1).map(read);
            exceptions.sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
            const text = jcs({evidence, readback, exceptions});
            console.log('sha256:' + crypto.createHash('sha256').update(text, 'utf8').digest('hex'));
            """;

    @TempDir
    Path tmp;

    static EvaluationInput worked() {
        return Inputs.read(
                WORKED.resolve("evidence.json"), WORKED.resolve("readback.json"), WORKED.resolve("exceptions"));
    }

    @Test
    void theWorkedExamplesDigestIsTheOneDocumented() {
        EvaluationInput input = worked();
        assertEquals(WORKED_DIGEST, PolicyEngine.inputDigest(input));
        assertEquals(
                WORKED_DIGEST,
                PolicyEngine.builder()
                        .build()
                        .evaluate(input, Instant.parse("2026-11-28T12:00:00Z"))
                        .provenance()
                        .inputDigest());
    }

    @Test
    void nodeReproducesTheDigestFromTheFiles() throws Exception {
        // Node has no YAML reader: the exception file is handed to it as JSON (the values Jackson's YAML reader read;
        // every scalar of the file is a string or a plain number). Evidence and readback are the files themselves.
        List<String> args = new ArrayList<>(List.of(
                "node",
                "-e",
                NODE_SCRIPT,
                WORKED.resolve("evidence.json").toString(),
                WORKED.resolve("readback.json").toString()));
        for (JsonNode x :
                dev.gatehouse.internal.InputReading.documents(worked()).exceptions()) {
            Path json = tmp.resolve(x.get("id").asText() + ".json");
            Files.writeString(json, Json.pretty(x), StandardCharsets.UTF_8);
            args.add(json.toString());
        }
        assertEquals(WORKED_DIGEST, run(args));
    }

    @Test
    void theDocumentsSpellingDoesNotChangeTheDigestButAValueDoes() throws IOException {
        String evidence = Files.readString(WORKED.resolve("evidence.json"));
        String readback = Files.readString(WORKED.resolve("readback.json"));
        record Variant(String name, String evidence, boolean sameDigest) {}
        List<Variant> variants = List.of(
                new Variant(
                        "48 written as 48.0",
                        evidence.replace("\"durationHours\": 48", "\"durationHours\": 48.0"),
                        true),
                new Variant(
                        "48 written as 4.8e1",
                        evidence.replace("\"durationHours\": 48", "\"durationHours\": 4.8e1"),
                        true),
                new Variant("no whitespace", Json.mapper().readTree(evidence).toString(), true),
                new Variant(
                        "a string escaped", evidence.replace("\"gpu-node-agent\"", "\"gpu\\u002dnode-agent\""), true),
                new Variant(
                        "48 changed to 49", evidence.replace("\"durationHours\": 48", "\"durationHours\": 49"), false));
        String base = PolicyEngine.inputDigest(worked());
        for (Variant v : variants) {
            assertNotEquals(evidence, v.evidence(), v.name() + ": the variant changes nothing");
            Path e = tmp.resolve(v.name().replace(' ', '-') + ".json");
            Files.writeString(e, v.evidence(), StandardCharsets.UTF_8);
            Path r = tmp.resolve("readback.json");
            Files.writeString(r, readback, StandardCharsets.UTF_8);
            String digest = PolicyEngine.inputDigest(Inputs.read(e, r, WORKED.resolve("exceptions")));
            assertEquals(v.sameDigest(), base.equals(digest), v.name() + ": " + digest);
        }
    }

    static String run(List<String> command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("this test needs Node.js (node) on the PATH to recompute the digest independently: " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("node failed: " + out);
        }
        return out;
    }
}
