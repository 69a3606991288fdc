package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.internal.rulebase.EnforcementTable;
import dev.gatehouse.internal.rulebase.SettingsTable;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark inputs, as JSON/YAML bytes: the worked example (fixtures/worked-example), a denied
 * variant of it, and large variants with many findings or approvals. Found from the repository
 * root ({@code -Dgatehouse.root}, else the working folder or a parent holding rules/ and fixtures/).
 */
public final class BenchInputs {
    /** The evaluation time of the worked example's case.yaml. */
    public static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    private static final ObjectMapper JSON = dev.gatehouse.internal.json.Json.mapper();

    /** One input as bytes: what a CI job would send. */
    @SuppressWarnings("ArrayRecordComponent") // the bytes a CI job sends, read only; never compared
    public record Bytes(byte[] evidence, byte[] readback, List<byte[]> exceptions) {
        /**
         * Parses and validates the documents (JSON, YAML for exceptions) as the decision service reads a request:
         * each document to a tree within the default limits, then validated, the trees kept for the input digest.
         */
        public EvaluationInput parse() {
            dev.gatehouse.InputLimits limits = dev.gatehouse.InputLimits.DEFAULT;
            JsonNode e = dev.gatehouse.internal.InputReading.readTree(evidence, "evidence.json", false, limits);
            JsonNode r = dev.gatehouse.internal.InputReading.readTree(readback, "readback.json", false, limits);
            List<JsonNode> xs = new ArrayList<>(exceptions.size());
            for (int i = 0; i < exceptions.size(); i++) {
                xs.add(dev.gatehouse.internal.InputReading.readTree(
                        exceptions.get(i), "exception-" + i + ".yaml", true, limits));
            }
            return dev.gatehouse.internal.InputReading.fromTrees(
                    e, "evidence.json", r, "readback.json", xs, "exceptions");
        }

        /** The same documents read into Java values only ({@link Inputs#of}): no trees kept. */
        public EvaluationInput values() {
            ReleaseEvidence e = dev.gatehouse.internal.InputReading.parse(
                    evidence, "evidence.json", ReleaseEvidence.KIND, ReleaseEvidence.class, false);
            EnvironmentReadback r = dev.gatehouse.internal.InputReading.parse(
                    readback, "readback.json", EnvironmentReadback.KIND, EnvironmentReadback.class, false);
            List<RiskException> xs = new ArrayList<>(exceptions.size());
            for (int i = 0; i < exceptions.size(); i++) {
                xs.add(dev.gatehouse.internal.InputReading.parse(
                        exceptions.get(i), "exception-" + i + ".yaml", RiskException.KIND, RiskException.class, true));
            }
            return Inputs.of(e, r, List.copyOf(xs));
        }
    }

    private BenchInputs() {}

    public static Path root() {
        String given = System.getProperty("gatehouse.root");
        if (given != null) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("rules")) && Files.isDirectory(p.resolve("fixtures/worked-example"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (rules/ and fixtures/); set -Dgatehouse.root");
    }

    /** fixtures/worked-example: eligible, one waived finding, ring 2. */
    public static Bytes workedExample() {
        Path dir = root().resolve("fixtures/worked-example");
        try {
            List<byte[]> xs = new ArrayList<>();
            try (var files = Files.list(dir.resolve("exceptions"))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".yaml"))
                        .sorted()
                        .toList()) {
                    xs.add(Files.readAllBytes(f));
                }
            }
            return new Bytes(
                    Files.readAllBytes(dir.resolve("evidence.json")),
                    Files.readAllBytes(dir.resolve("readback.json")),
                    xs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The worked example, denied: a critical finding (SEC-001, hard in production), a self-approval
     * by the author (APR-002), a failed test check (CI-001) and a stale readback (EVD-004).
     */
    public static Bytes denied() {
        Bytes base = workedExample();
        ObjectNode e = tree(base.evidence());
        ArrayNode findings = (ArrayNode) e.path("security").path("findings");
        ObjectNode critical = findings.get(0).deepCopy();
        critical.put("id", "CVE-2026-99999").put("severity", "critical");
        findings.add(critical);
        ObjectNode self = ((ArrayNode) e.path("approvals")).get(0).deepCopy();
        self.put("by", e.path("release").path("author").asText());
        ((ArrayNode) e.path("approvals")).add(self);
        ((ObjectNode) e.path("ci").path("checks")).put("test", "failed");
        ObjectNode r = tree(base.readback());
        r.put("capturedAt", "2026-11-26T12:00:00Z");
        return new Bytes(bytes(e), bytes(r), base.exceptions());
    }

    /**
     * The worked example with evidence from the future (EVD-005): an approval dated 9999, a
     * verification completed in 9999, CI finished in 2030, a rollout entry, a scan, a rehearsal and
     * a backup after now, and one restore exactly at the clock-skew limit (not from the future).
     */
    public static Bytes fromTheFuture() {
        Bytes base = workedExample();
        ObjectNode e = tree(base.evidence());
        ((ObjectNode) e.path("approvals").get(1)).put("at", "9999-01-01T00:00:00Z");
        ((ObjectNode) e.path("verifications").get(0)).put("completedAt", "9999-12-31T23:59:59Z");
        ((ObjectNode) e.path("ci")).put("finishedAt", "2030-01-01T00:00:00Z");
        ((ObjectNode) e.path("rollout").path("history").get(1)).put("enteredAt", "2026-11-29T06:00:00Z");
        ((ObjectNode) e.path("security")).put("scannedAt", "2026-11-28T12:05:01Z");
        ((ObjectNode) e.path("rollback")).put("rehearsedAt", "2026-12-01T00:00:00Z");
        ObjectNode r = tree(base.readback());
        ((ObjectNode) r.path("dataServices").get(0)).put("lastBackupAt", "2026-11-28T13:00:00Z");
        ((ObjectNode) r.path("dataServices").get(1)).put("restoreVerifiedAt", "2026-11-28T12:05:00Z");
        return new Bytes(bytes(e), bytes(r), base.exceptions());
    }

    /** The worked example with {@code n} findings (a mix of severities; a few high ones with a fix). */
    public static Bytes manyFindings(int n) {
        Bytes base = workedExample();
        ObjectNode e = tree(base.evidence());
        ArrayNode findings = (ArrayNode) e.path("security").path("findings");
        ObjectNode template = findings.get(1).deepCopy();
        String[] severities = {"medium", "low", "high", "medium"};
        for (int i = findings.size(); i < n; i++) {
            ObjectNode f = template.deepCopy();
            f.put("id", "CVE-2026-" + (100000 + i))
                    .put("severity", severities[i % severities.length])
                    .put("fixAvailable", i % 8 == 2);
            findings.add(f);
        }
        return new Bytes(bytes(e), base.readback(), base.exceptions());
    }

    /** The worked example with {@code n} approvals by distinct people, cycling through the roles. */
    public static Bytes manyApprovals(int n) {
        Bytes base = workedExample();
        ObjectNode e = tree(base.evidence());
        ArrayNode approvals = (ArrayNode) e.path("approvals");
        ObjectNode template = approvals.get(0).deepCopy();
        String[] roles = {"release-manager", "security", "service-owner", "release-manager"};
        for (int i = approvals.size(); i < n; i++) {
            ObjectNode a = template.deepCopy();
            a.put("role", roles[i % roles.length]).put("by", "person-" + i);
            approvals.add(a);
        }
        return new Bytes(bytes(e), base.readback(), base.exceptions());
    }

    /** The worked example with its release-manager approval also given as security by the same person (APR-001). */
    public static Bytes onePersonApproves() {
        Bytes base = workedExample();
        ObjectNode e = tree(base.evidence());
        ArrayNode approvals = (ArrayNode) e.path("approvals");
        ((ObjectNode) approvals.get(1)).put("by", approvals.get(0).path("by").asText());
        return new Bytes(bytes(e), base.readback(), base.exceptions());
    }

    /** The plain-Java baseline, over the repository's enforcement table and settings. */
    public static PlainJavaGate baseline() {
        Path rules = root().resolve("rules");
        try {
            EnforcementTable table = EnforcementTable.parse(
                            Files.readString(rules.resolve("enforcement.csv"), StandardCharsets.UTF_8),
                            "enforcement.csv")
                    .table();
            var settings = SettingsTable.parse(
                            Files.readString(rules.resolve("settings.csv"), StandardCharsets.UTF_8), "settings.csv")
                    .settings();
            return new PlainJavaGate(table, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode tree(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
