package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.cases.CaseLoader;
import dev.gatehouse.cases.GoldenCase;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Invariants over every golden case: more good evidence never makes a decision worse. Adding an
 * approval by someone other than the author, or removing a security finding, never turns an
 * eligible release ineligible and never lowers its ring.
 */
class MonotonicityTest {
    private static final PolicyEngine ENGINE = SharedEngine.rules();
    private static final List<String> ROLES =
            List.of("service-owner", "release-manager", "security", "tenant-governance");

    @TestFactory
    Stream<DynamicTest> anApprovalByAnotherPersonNeverMakesADecisionWorse() throws IOException {
        return cases().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            for (String role : ROLES) {
                check(
                        c,
                        e -> {
                            ObjectNode a = ((ArrayNode) e.get("approvals")).addObject();
                            a.put("role", role)
                                    .put("by", "independent.reviewer-" + role)
                                    .put("at", "2026-11-01T00:00:00Z");
                            return e;
                        },
                        "approval as " + role);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> removingAFindingNeverMakesADecisionWorse() throws IOException {
        return cases().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            int findings = evidenceTree(c).get("security").get("findings").size();
            for (int i = 0; i < findings; i++) {
                int index = i;
                check(
                        c,
                        e -> {
                            ((ArrayNode) e.get("security").get("findings")).remove(index);
                            return e;
                        },
                        "without finding " + i);
            }
        }));
    }

    private static Stream<GoldenCase> cases() throws IOException {
        return CaseLoader.load(TestPaths.fixtures()).cases().stream()
                .filter(c -> !c.expect().expectsInvalid());
    }

    private static JsonNode evidenceTree(GoldenCase c) throws IOException {
        return c.evidenceTree();
    }

    private static void check(GoldenCase c, UnaryOperator<ObjectNode> change, String what) throws IOException {
        EvaluationInput base = c.input();
        ObjectNode tree = (ObjectNode) evidenceTree(c);
        ReleaseEvidence changed = dev.gatehouse.internal.InputReading.parse(
                Json.mapper().writeValueAsBytes(change.apply(tree)),
                "evidence.json (" + what + ")",
                ReleaseEvidence.KIND,
                ReleaseEvidence.class,
                false);
        EnvironmentReadback readback = base.readback();
        List<RiskException> exceptions = new ArrayList<>(base.exceptions());
        PromotionDecision before = ENGINE.evaluate(base, c.at());
        PromotionDecision after = ENGINE.evaluate(Inputs.of(changed, readback, exceptions), c.at());
        if (before.eligible()) {
            assertTrue(
                    after.eligible(), () -> c.name() + " with " + what + " became ineligible: " + after.violations());
        }
        if (before.ring() != null) {
            assertFalse(
                    after.ring().allowed() < before.ring().allowed(),
                    () -> c.name() + " with " + what + " lowered the ring " + before.ring() + " -> " + after.ring());
        }
    }
}
