package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.internal.rulebase.SettingsTable;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.ReleaseEvidence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Variants of the worked example, every one a valid input: a list of edits, each setting one
 * field to another allowed value (optional fields absent or null, times moved by up to 60 days
 * either way, enum values and promotion steps changed, lists emptied). The default policy must
 * decide each of them (never fail), keep the contract's invariants, decide the same way twice, and
 * report every time after now beyond the clock skew, and only those. A failing variant is shrunk
 * by jqwik to the fewest and simplest edits that still fail (an edit shrinks towards no shift,
 * the first value listed, zero).
 */
class RobustnessTest {
    static final PolicyEngine ENGINE = SharedEngine.rules();
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");
    static final Duration SKEW = skew();
    static final List<String> ENVS = List.of("kind", "dev-control", "demo", "staging", "production");
    static final List<String> ORIGINS = List.of("ci", "kind", "dev-control", "demo", "staging", "production");
    static final Path EXAMPLE = TestPaths.fixtures().resolve("worked-example");
    static final ObjectNode EVIDENCE = (ObjectNode) tree(EXAMPLE.resolve("evidence.json"));
    static final ObjectNode READBACK = (ObjectNode) tree(EXAMPLE.resolve("readback.json"));
    static final EvaluationInput BASE = Inputs.read(
            EXAMPLE.resolve("evidence.json"), EXAMPLE.resolve("readback.json"), EXAMPLE.resolve("exceptions"));
    static final long MAX_SHIFT_SECONDS = Duration.ofDays(60).toSeconds();

    /** One change to one field of the evidence ({@code e}) or the readback ({@code r}). */
    record Edit(char doc, String pointer, Kind kind, JsonNode value) {
        enum Kind {
            SET,
            REMOVE,
            EMPTY
        }

        /** Applies the edit; an edit of an item that an earlier edit removed does nothing. */
        void apply(ObjectNode e, ObjectNode r) {
            JsonNode root = doc == 'e' ? e : r;
            String parentPointer = pointer.substring(0, pointer.lastIndexOf('/'));
            String last = pointer.substring(pointer.lastIndexOf('/') + 1);
            JsonNode parent = root.at(parentPointer);
            if (parent instanceof ObjectNode o) {
                switch (kind) {
                    case SET -> o.set(last, value);
                    case REMOVE -> o.remove(last);
                    case EMPTY -> ((ArrayNode) o.get(last)).removeAll();
                    default -> throw new IllegalStateException();
                }
            } else if (parent instanceof ArrayNode a && Integer.parseInt(last) < a.size()) {
                a.set(Integer.parseInt(last), value);
            }
        }

        @Override
        public String toString() {
            return doc + ":" + pointer
                    + (kind == Kind.SET ? " = " + value : kind == Kind.REMOVE ? " removed" : " emptied");
        }
    }

    @Property(tries = 400, seed = "20261128", shrinking = ShrinkingMode.FULL)
    void everyValidVariantIsDecidedWithTheContractsInvariants(@ForAll("variants") List<List<Edit>> edits)
            throws IOException {
        ObjectNode e = EVIDENCE.deepCopy();
        ObjectNode r = READBACK.deepCopy();
        edits.forEach(group -> group.forEach(edit -> edit.apply(e, r)));
        ReleaseEvidence ev = dev.gatehouse.internal.InputReading.parse(
                Json.mapper().writeValueAsBytes(e), "evidence", ReleaseEvidence.KIND, ReleaseEvidence.class, false);
        EnvironmentReadback rb = dev.gatehouse.internal.InputReading.parse(
                Json.mapper().writeValueAsBytes(r),
                "readback",
                EnvironmentReadback.KIND,
                EnvironmentReadback.class,
                false);
        EvaluationInput input = Inputs.of(ev, rb, BASE.exceptions());
        PromotionDecision d = ENGINE.evaluate(input, AT);
        String what = "edits " + edits + "\n" + e + "\n" + r;
        Set<String> controls = ENGINE.controls();
        assertEquals(d.violations().isEmpty(), d.eligible(), what);
        assertEquals("production".equals(ev.promotion().to().wire()), d.ring() != null, what);
        if (d.ring() != null) {
            assertTrue(d.ring().allowed() >= 0 && d.ring().allowed() <= 4, what);
        }
        d.violations()
                .forEach(v -> assertTrue(
                        controls.contains(v.control()) && !v.enforcement().equals("advisory"), what));
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
                .filter(v -> v.control().equals("EVD-005"))
                .toList();
        assertEquals(
                future,
                new TreeSet<>(fromTheFuture.stream()
                        .map(PromotionDecision.Violation::subject)
                        .toList()),
                what);
        assertEquals(future.size(), fromTheFuture.size(), what);
        fromTheFuture.forEach(v -> assertEquals("hard", v.enforcement(), what));
    }

    /** Up to 40 groups of edits; a group changes fields that belong together (a promotion step). */
    @Provide
    Arbitrary<List<List<Edit>>> variants() {
        List<Arbitrary<List<Edit>>> edits = new ArrayList<>();
        // Where to: the usual step (from the environment before, readback of the target) ...
        edits.add(Arbitraries.of(ENVS)
                .map(to -> List.of(
                        set('e', "/promotion/to", to),
                        set('e', "/promotion/from", ORIGINS.get(ORIGINS.indexOf(to) - 1)),
                        set('r', "/environment", to))));
        // ... or any origin, any readback environment.
        edits.add(one(Arbitraries.of(ORIGINS).map(v -> set('e', "/promotion/from", v))));
        edits.add(one(Arbitraries.of(ENVS).map(v -> set('r', "/environment", v))));
        edits.add(one(
                optional('e', "/promotion/requestedRing", Arbitraries.integers().between(0, 4))));
        edits.add(one(shifted('r', "/capturedAt")));
        edits.add(one(choice(
                'e',
                "/release/changeClass",
                "web",
                "api",
                "control-plane",
                "config",
                "data-migration",
                "node-agent",
                "runtime",
                "gpu-driver")));
        edits.add(one(shifted('e', "/security/scannedAt")));
        for (int i = 0; i < EVIDENCE.at("/security/findings").size(); i++) {
            edits.add(one(choice('e', "/security/findings/" + i + "/severity", "critical", "high", "medium", "low")));
            edits.add(one(bool('e', "/security/findings/" + i + "/fixAvailable")));
        }
        for (int i = 0; i < EVIDENCE.at("/verifications").size(); i++) {
            String p = "/verifications/" + i;
            edits.add(one(choice('e', p + "/result", "passed", "failed")));
            edits.add(one(Arbitraries.of(ENVS).map(v -> set('e', p + "/environment", v))));
            edits.add(one(
                    optional('e', p + "/durationHours", Arbitraries.integers().between(0, 59))));
        }
        for (int i = 0; i < EVIDENCE.at("/approvals").size(); i++) {
            edits.add(one(choice(
                    'e',
                    "/approvals/" + i + "/role",
                    "service-owner",
                    "release-manager",
                    "security",
                    "tenant-governance")));
            edits.add(one(choice('e', "/approvals/" + i + "/by", "j.lindqvist", "p.ramaswamy", "m.okafor")));
        }
        edits.add(one(Arbitraries.just(empty('e', "/approvals"))));
        for (int i = 0; i < EVIDENCE.at("/residualRisks").size(); i++) {
            edits.add(one(choice('e', "/residualRisks/" + i + "/severity", "critical", "high", "medium", "low")));
            edits.add(one(Arbitraries.just(remove('e', "/residualRisks/" + i + "/exceptionId"))));
        }
        edits.add(one(Arbitraries.oneOf(
                Arbitraries.just(remove('e', "/rollback/rehearsedAt")), shifted('e', "/rollback/rehearsedAt"))));
        edits.add(one(Arbitraries.just(empty('e', "/rollback/previousDigests"))));
        for (int i = 0; i < EVIDENCE.at("/rollout/history").size(); i++) {
            String p = "/rollout/history/" + i;
            edits.add(one(Arbitraries.integers().between(0, 4).map(v -> set('e', p + "/ring", v))));
            edits.add(one(shifted('e', p + "/enteredAt")));
            edits.add(one(bool('e', p + "/healthy")));
        }
        edits.add(one(Arbitraries.just(empty('e', "/rollout/history"))));
        edits.add(one(Arbitraries.just(set('r', "/profile/renderedFromCommit", null))));
        edits.add(one(Arbitraries.integers().between(0, 2).map(v -> set('r', "/profile/manualSteps", v))));
        edits.add(one(Arbitraries.just(set('r', "/secrets/manager", null))));
        for (int i = 0; i < READBACK.at("/dataServices").size(); i++) {
            String p = "/dataServices/" + i;
            edits.add(one(Arbitraries.oneOf(
                    Arbitraries.just(set('r', p + "/lastBackupAt", null)), shifted('r', p + "/lastBackupAt"))));
            edits.add(one(shifted('r', p + "/restoreVerifiedAt")));
        }
        edits.add(one(Arbitraries.integers().between(0, 3).map(v -> set('r', "/identity/idpReplicas", v))));
        edits.add(one(bool('r', "/identity/realmDrift")));
        edits.add(one(Arbitraries.integers().between(0, 199).map(v -> set('r', "/capacity/gpuNodes", v))));
        edits.add(one(Arbitraries.integers().between(0, 19).map(v -> set('r', "/capacity/reserveGpuNodes", v))));
        edits.add(one(bool('r', "/edge/tls")));
        edits.add(one(bool('r', "/edge/waf")));
        edits.add(
                one(Arbitraries.integers().between(0, 1).map(v -> set('r', "/observability/criticalAlertsFiring", v))));
        edits.add(one(bool('r', "/observability/traces")));
        return Arbitraries.oneOf(edits).list().ofMaxSize(40);
    }

    private static Arbitrary<List<Edit>> one(Arbitrary<Edit> edit) {
        return edit.map(List::of);
    }

    private static Edit set(char doc, String pointer, Object value) {
        return new Edit(
                doc,
                pointer,
                Edit.Kind.SET,
                value == null ? NullNode.getInstance() : Json.mapper().valueToTree(value));
    }

    private static Edit remove(char doc, String pointer) {
        return new Edit(doc, pointer, Edit.Kind.REMOVE, null);
    }

    private static Edit empty(char doc, String pointer) {
        return new Edit(doc, pointer, Edit.Kind.EMPTY, null);
    }

    private static Arbitrary<Edit> choice(char doc, String pointer, String... values) {
        return Arbitraries.of(values).map(v -> set(doc, pointer, v));
    }

    private static Arbitrary<Edit> bool(char doc, String pointer) {
        return Arbitraries.of(true, false).map(v -> set(doc, pointer, v));
    }

    /** Absent, or one of the values. */
    private static Arbitrary<Edit> optional(char doc, String pointer, Arbitrary<Integer> values) {
        return Arbitraries.oneOf(Arbitraries.just(remove(doc, pointer)), values.map(v -> set(doc, pointer, v)));
    }

    /** The time in the worked example moved by up to 60 days either way (shrinks towards no move). */
    private static Arbitrary<Edit> shifted(char doc, String pointer) {
        JsonNode original = (doc == 'e' ? EVIDENCE : READBACK).at(pointer);
        Instant from = original.isTextual() ? Instant.parse(original.asText()) : AT.minus(Duration.ofDays(1));
        return Arbitraries.longs()
                .between(-MAX_SHIFT_SECONDS, MAX_SHIFT_SECONDS)
                .shrinkTowards(0)
                .map(s -> set(doc, pointer, from.plusSeconds(s).toString()));
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

    private static JsonNode tree(Path file) {
        try {
            return Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The clock skew allowed, as rules/settings.csv says. */
    private static Duration skew() {
        try {
            return SettingsTable.parse(Files.readString(TestPaths.rules().resolve("settings.csv")), "settings.csv")
                    .settings()
                    .duration("clock.max-skew");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
