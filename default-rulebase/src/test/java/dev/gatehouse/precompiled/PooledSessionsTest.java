package dev.gatehouse.precompiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.PolicyEngine;
import dev.gatehouse.cases.CaseLoader;
import dev.gatehouse.cases.GoldenCase;
import dev.gatehouse.internal.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An engine lends each evaluation a pooled session and takes it back afterwards (issue 15: state kept between
 * decisions). Every golden case evaluated right after other cases on one engine, on one thread (so the evaluations
 * share the same few sessions), decides exactly as it does alone on a new engine that never evaluated anything: the
 * full decision JSON, trace and provenance included. In three orders (as listed, reversed, shuffled with a fixed
 * seed), for the precompiled rulebase and for rules/ compiled at run time.
 *
 * <p>This test is why sessions are reset to empty between evaluations rather than kept with the tables' facts in
 * them: keeping them and deleting each evaluation's facts afterwards was 8-13 % faster, and this test caught it
 * deciding one case wrongly (docs/performance.md, "What was tried").
 */
class PooledSessionsTest {
    private static final Path ROOT =
            Path.of(System.getProperty("gatehouse.root", "..")).toAbsolutePath().normalize();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"precompiled", "compiled at run time"})
    void everyGoldenCaseDecidesAfterOthersAsItDoesAlone(String which) throws Exception {
        CaseLoader.Loaded loaded = CaseLoader.load(ROOT.resolve("fixtures"));
        assertEquals(List.of(), loaded.diagnostics());
        List<GoldenCase> cases = loaded.cases().stream()
                .filter(c -> !c.expect().expectsInvalid())
                .toList();
        assertTrue(cases.size() > 100, "only " + cases.size() + " golden cases");

        // Alone: each case on a precompiled engine of its own (one builds in about a millisecond);
        // PrecompiledRulebaseTest holds the run-time compilation to the same decisions.
        Map<String, String> alone = new LinkedHashMap<>();
        for (GoldenCase c : cases) {
            alone.put(c.name(), Json.pretty(PolicyEngine.builder().build().evaluate(c.input(), c.at())));
        }

        PolicyEngine shared = which.equals("precompiled")
                ? PolicyEngine.builder().build()
                : PolicyEngine.builder()
                        .rules(ROOT.resolve("rules"))
                        .usePrecompiled(false)
                        .build();
        List<GoldenCase> reversed = new ArrayList<>(cases);
        Collections.reverse(reversed);
        List<GoldenCase> shuffled = new ArrayList<>(cases);
        Collections.shuffle(shuffled, new Random(15));
        for (List<GoldenCase> order : List.of(cases, reversed, shuffled)) {
            for (GoldenCase c : order) {
                assertEquals(
                        alone.get(c.name()),
                        Json.pretty(shared.evaluate(c.input(), c.at())),
                        c.name() + " decides differently after other cases");
            }
        }
    }
}
