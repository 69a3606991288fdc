package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/trust.md's worked example cannot go stale: the checked-in attestation is exactly what the documented
 * command makes (Ed25519 is deterministic, the time is an input), the doc shows those commands, and its statement
 * block is the attestation's payload. {@code -Dgatehouse.rewriteGoldens=true} rewrites the attestation and the block.
 */
class TrustDocTest {
    static final Path DOC = CliRun.ROOT.resolve("docs/trust.md");
    static final Path ATTESTATION = CliRun.ROOT.resolve("docs/examples/trust/worked-example.att.json");
    static final String MAKE = "./gatehouse evaluate --evidence fixtures/worked-example/evidence.json --readback "
            + "fixtures/worked-example/readback.json --exceptions fixtures/worked-example/exceptions --at 2026-11-28T12:00:00Z "
            + "--output decision.json --attest docs/examples/trust/worked-example.att.json --signing-key "
            + "docs/examples/trust/example-signing-key.pem";
    static final String VERIFY = "./gatehouse verify --attestation docs/examples/trust/worked-example.att.json --key "
            + "docs/examples/trust/example-signing-key.pub --digest "
            + "sha256:9b8e7f6a5d4c3b2a19081726354453627180918a7b6c5d4e3f2a1b0c9d8e7f6a --environment production "
            + "--max-age 24h --at 2026-11-28T13:00:00Z";
    static final Pattern STATEMENT = Pattern.compile(
            "^<!-- trust-statement: ([^ ]+) -->\n```json\n(.*?)^```\n", Pattern.DOTALL | Pattern.MULTILINE);
    static final boolean REWRITE = Boolean.getBoolean("gatehouse.rewriteGoldens");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theCheckedInAttestationIsWhatTheDocumentedCommandMakes() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        assertTrue(doc.contains("    " + MAKE + "\n"), "docs/trust.md shows the command that made the attestation");
        assertTrue(doc.contains("    " + VERIFY + "\n"), "docs/trust.md shows the command that verifies it");
        String[] args = MAKE.substring("./gatehouse ".length()).split(" ");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--output")) {
                args[i + 1] = tmp.resolve("decision.json").toString();
            } else if (args[i].equals("--attest")) {
                args[i + 1] = tmp.resolve("att.json").toString();
            } else if (!args[i].startsWith("--") && (args[i].startsWith("fixtures/") || args[i].startsWith("docs/"))) {
                args[i] = CliRun.ROOT.resolve(args[i]).toString();
            }
        }
        CliRun made = CliRun.of(args);
        assertEquals(0, made.exit(), made.err());
        byte[] actual = Files.readAllBytes(tmp.resolve("att.json"));
        if (REWRITE) {
            Files.write(ATTESTATION, actual);
        }
        assertEquals(
                new String(actual, StandardCharsets.UTF_8),
                Files.readString(ATTESTATION, StandardCharsets.UTF_8),
                "docs/examples/trust/worked-example.att.json is stale: rerun with -Dgatehouse.rewriteGoldens=true");
    }

    @Test
    void theStatementShownIsTheAttestationsPayload() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher m = STATEMENT.matcher(doc);
        assertTrue(m.find(), "docs/trust.md has a trust-statement block");
        JsonNode envelope = JSON.readTree(CliRun.ROOT.resolve(m.group(1)).toFile());
        JsonNode statement =
                JSON.readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(statement) + "\n";
        if (REWRITE) {
            Files.writeString(
                    DOC, doc.substring(0, m.start(2)) + pretty + doc.substring(m.end(2)), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(statement, JSON.readTree(m.group(2)), "the statement block of docs/trust.md is stale");
    }
}
