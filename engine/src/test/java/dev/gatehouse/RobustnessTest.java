package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.EvaluationInput;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.gatehouse.rulebase.SettingsTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Seeded random variants of the worked example, every one a valid input: optional fields absent
 * or null, times moved by up to 60 days, enum values and promotion steps shuffled. The default
 * policy must decide each of them (never fail), keep the contract's invariants, decide the
 * same way twice, and report every time after now beyond the clock skew, and only those.
 */
class RobustnessTest {
    static final PolicyEngine ENGINE = SharedEngine.rules();
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");
    static final Duration SKEW = skew();
    static final List<String> ENVS = List.of("kind", "dev-control", "demo", "staging", "production");
    static final List<String> ORIGINS = List.of("ci", "kind", "dev-control", "demo", "staging", "production");

    @Test
    void everyRandomValidVariantIsDecidedWithTheContractsInvariants() throws IOException {
        Path dir = TestPaths.fixtures().resolve("worked-example");
        JsonNode evidence = Json.mapper().readTree(Files.readAllBytes(dir.resolve("evidence.json")));
        JsonNode readback = Json.mapper().readTree(Files.readAllBytes(dir.resolve("readback.json")));
        EvaluationInput base = Inputs.read(dir.resolve("evidence.json"), dir.resolve("readback.json"), dir.resolve("exceptions"));
        Set<String> controls = ENGINE.controls();
        Random random = new Random(20261128L);
        for (int i = 0; i < 400; i++) {
            ObjectNode e = evidence.deepCopy();
            ObjectNode r = readback.deepCopy();
            mutate(e, r, random);
            ReleaseEvidence ev = Inputs.parse(Json.mapper().writeValueAsBytes(e), "evidence #" + i, ReleaseEvidence.KIND,
                    ReleaseEvidence.class, false);
            EnvironmentReadback rb = Inputs.parse(Json.mapper().writeValueAsBytes(r), "readback #" + i,
                    EnvironmentReadback.KIND, EnvironmentReadback.class, false);
            EvaluationInput input = new EvaluationInput(ev, rb, base.exceptions());
            PromotionDecision d = ENGINE.evaluate(input, AT);
            String what = "variant " + i + ": " + e + "\n" + r;
            assertEquals(d.violations().isEmpty(), d.eligible(), what);
            assertEquals("production".equals(ev.promotion().to().wire()), d.ring() != null, what);
            if (d.ring() != null) {
                assertTrue(d.ring().allowed() >= 0 && d.ring().allowed() <= 4, what);
            }
            d.violations().forEach(v -> assertTrue(controls.contains(v.control()) && !v.enforcement().equals("advisory"), what));
            d.advisories().forEach(v -> assertEquals("advisory", v.enforcement(), what));
            d.waived().forEach(v -> assertEquals("soft", v.enforcement(), what));
            assertEquals(Json.pretty(d), Json.pretty(ENGINE.evaluate(input, AT)), what);
            // Times are shifted both ways: every one more than the clock skew after now (capturedAt
            // aside) is exactly one hard EVD-005, subject its pointer.
            Set<String> future = new TreeSet<>();
            future(e, "", future);
            future(r, "", future);
            future.remove("/capturedAt");
            List<PromotionDecision.Violation> fromTheFuture = d.violations().stream()
                    .filter(v -> v.control().equals("EVD-005")).toList();
            assertEquals(future, new TreeSet<>(fromTheFuture.stream().map(PromotionDecision.Violation::subject).toList()), what);
            assertEquals(future.size(), fromTheFuture.size(), what);
            fromTheFuture.forEach(v -> assertEquals("hard", v.enforcement(), what));
        }
    }

    private static void mutate(ObjectNode e, ObjectNode r, Random random) {
        ObjectNode promotion = (ObjectNode) e.get("promotion");
        String to = ENVS.get(random.nextInt(ENVS.size()));
        promotion.put("to", to);
        promotion.put("from", random.nextInt(3) == 0 ? ORIGINS.get(random.nextInt(ORIGINS.size()))
                : ORIGINS.get(ORIGINS.indexOf(to) - 1));
        if (random.nextBoolean()) {
            promotion.remove("requestedRing");
        } else {
            promotion.put("requestedRing", random.nextInt(5));
        }
        r.put("environment", random.nextInt(5) == 0 ? ENVS.get(random.nextInt(ENVS.size())) : to);
        r.put("capturedAt", shift("2026-11-28T11:40:00Z", random));
        e.with("release").put("changeClass", pick(random, "web", "api", "control-plane", "config", "data-migration",
                "node-agent", "runtime", "gpu-driver"));
        e.with("security").put("scannedAt", shift("2026-11-26T06:00:00Z", random));
        for (JsonNode f : e.get("security").get("findings")) {
            ((ObjectNode) f).put("severity", pick(random, "critical", "high", "medium", "low"));
            ((ObjectNode) f).put("fixAvailable", random.nextBoolean());
        }
        for (JsonNode v : e.get("verifications")) {
            ((ObjectNode) v).put("result", pick(random, "passed", "failed"));
            ((ObjectNode) v).put("environment", ENVS.get(random.nextInt(ENVS.size())));
            if (random.nextBoolean()) {
                ((ObjectNode) v).remove("durationHours");
            } else {
                ((ObjectNode) v).put("durationHours", random.nextInt(60));
            }
        }
        ArrayNode approvals = (ArrayNode) e.get("approvals");
        for (JsonNode a : approvals) {
            ((ObjectNode) a).put("role", pick(random, "service-owner", "release-manager", "security", "tenant-governance"));
            ((ObjectNode) a).put("by", pick(random, "j.lindqvist", "p.ramaswamy", "m.okafor"));
        }
        if (random.nextInt(4) == 0) {
            approvals.removeAll();
        }
        for (JsonNode rr : e.get("residualRisks")) {
            ((ObjectNode) rr).put("severity", pick(random, "critical", "high", "medium", "low"));
            if (random.nextInt(3) == 0) {
                ((ObjectNode) rr).remove("exceptionId");
            }
        }
        ObjectNode rollback = e.with("rollback");
        if (random.nextBoolean()) {
            rollback.remove("rehearsedAt");
        } else {
            rollback.put("rehearsedAt", shift("2026-11-23T14:00:00Z", random));
        }
        if (random.nextInt(4) == 0) {
            ((ArrayNode) rollback.get("previousDigests")).removeAll();
        }
        ArrayNode history = (ArrayNode) e.get("rollout").get("history");
        for (JsonNode h : history) {
            ((ObjectNode) h).put("ring", random.nextInt(5));
            ((ObjectNode) h).put("enteredAt", shift("2026-11-27T06:00:00Z", random));
            ((ObjectNode) h).put("healthy", random.nextInt(5) != 0);
        }
        if (random.nextInt(4) == 0) {
            history.removeAll();
        }
        if (random.nextBoolean()) {
            r.with("profile").putNull("renderedFromCommit");
        }
        r.with("profile").put("manualSteps", random.nextInt(3));
        if (random.nextBoolean()) {
            r.with("secrets").putNull("manager");
        }
        for (JsonNode s : r.get("dataServices")) {
            if (random.nextBoolean()) {
                ((ObjectNode) s).putNull("lastBackupAt");
            } else {
                ((ObjectNode) s).put("lastBackupAt", shift("2026-11-28T02:00:00Z", random));
            }
            ((ObjectNode) s).put("restoreVerifiedAt", shift("2026-11-15T10:00:00Z", random));
        }
        r.with("identity").put("idpReplicas", random.nextInt(4)).put("realmDrift", random.nextInt(4) == 0);
        r.with("capacity").put("gpuNodes", random.nextInt(200)).put("reserveGpuNodes", random.nextInt(20));
        r.with("edge").put("tls", random.nextInt(5) != 0).put("waf", random.nextInt(5) != 0);
        r.with("observability").put("criticalAlertsFiring", random.nextInt(5) == 0 ? 1 : 0).put("traces", random.nextInt(5) != 0);
    }

    /** The pointers of the times in a document more than the clock skew after AT. */
    private static void future(JsonNode node, String pointer, Set<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> future(f.getValue(), pointer + "/" + f.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                future(node.get(i), pointer + "/" + i, out);
            }
        } else if (node.isTextual()) {
            try {
                if (Instant.parse(node.asText()).isAfter(AT.plus(SKEW))) {
                    out.add(pointer);
                }
            } catch (java.time.format.DateTimeParseException notATime) {
                // not a time
            }
        }
    }

    private static String shift(String instant, Random random) {
        return Instant.parse(instant).plusSeconds((long) (random.nextGaussian() * 20 * 86_400)).toString();
    }

    /** The clock skew allowed, as rules/settings.csv says. */
    private static Duration skew() {
        try {
            return SettingsTable.parse(Files.readString(TestPaths.rules().resolve("settings.csv")), "settings.csv")
                    .settings().duration("clock.max-skew");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
