package dev.gatehouse.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.TestPaths;
import dev.gatehouse.internal.Sources;
import dev.gatehouse.model.Environment;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.report.SarifReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * --explain-blockers: each blocker names the rule that inserted it (recorded at insertion), what
 * that rule needs with the current settings, and advice built from the control's level and the
 * exception problems the rules found. Exact texts.
 */
class BlockersTest {
    static final String RENEW = "renew it: a createdAt no later than now and an expiresAt after now, at most 90d"
            + " (exception.max-validity) apart";
    static final String ONE_MORE = "add 1 more approver(s) to approvedBy: people other than the requester m.okafor and"
            + " the approvers it has (p.ramaswamy); exception.approvers.production is 2";

    static Stream<Arguments> denied() {
        return Stream.of(
                Arguments.of(
                        "an expired exception behind RSK-001 (hard) and SEC-002 (soft)",
                        "denied-expired-exception",
                        List.of(
                                "RSK-001 hard RR-17 | evidence /residualRisks/0/exceptionId"
                                        + " | rule RSK-001 residual risk names an exception that is not valid"
                                        + " | needs the exception a high or critical residual risk names is valid: not invalid, expired, unapproved or ineffective"
                                        + " | waivable false"
                                        + " | RSK-001 is hard in production, so no exception can waive it, but it is met once exception"
                                        + " EXC-2026-031 is valid again: it is expired (expired at 2026-11-27T00:00:00Z); "
                                        + RENEW,
                                "SEC-002 soft CVE-2026-41022 | evidence /security/findings/0 | rule SEC-002 high finding with fix"
                                        + " | needs no finding of severity high with a fix available | waivable true"
                                        + " | SEC-002 is soft in production: exception EXC-2026-031 names SEC-002 but is expired"
                                        + " (expired at 2026-11-27T00:00:00Z); " + RENEW
                                        + "; or meet the rule: no finding of severity high with a fix available")),
                Arguments.of(
                        "an exception missing its second approver, behind RSK-001",
                        "rsk-001-risk-names-unapproved-exception",
                        List.of(
                                "RSK-001 hard RR-17 | evidence /residualRisks/0/exceptionId"
                                        + " | rule RSK-001 residual risk names an exception that is not valid"
                                        + " | needs the exception a high or critical residual risk names is valid: not invalid, expired, unapproved or ineffective"
                                        + " | waivable false"
                                        + " | RSK-001 is hard in production, so no exception can waive it, but it is met once exception"
                                        + " EXC-2026-031 is valid again: it is unapproved (has 1 approver(s) other than the requester m.okafor;"
                                        + " production needs 2); " + ONE_MORE,
                                "SEC-002 soft CVE-2026-41022 | evidence /security/findings/1 | rule SEC-002 high finding with fix"
                                        + " | needs no finding of severity high with a fix available | waivable true"
                                        + " | SEC-002 is soft in production: exception EXC-2026-031 names SEC-002 but is unapproved"
                                        + " (has 1 approver(s) other than the requester m.okafor; production needs 2); "
                                        + ONE_MORE
                                        + "; or meet the rule: no finding of severity high with a fix available")),
                Arguments.of(
                        "a hard violation",
                        "denied-missing-security-approval",
                        List.of(
                                "APR-001 hard security | evidence /approvals | rule APR-001 production needs a security approval"
                                        + " | needs production: an approval with role security, not by the author | waivable false"
                                        + " | APR-001 is hard in production: no exception can waive it;"
                                        + " meet the rule: production: an approval with role security, not by the author")),
                Arguments.of(
                        "a soft violation no exception names",
                        "sec-002-high-fix-available-production-soft",
                        List.of(
                                "SEC-002 soft CVE-2026-41022 | evidence /security/findings/1 | rule SEC-002 high finding with fix"
                                        + " | needs no finding of severity high with a fix available | waivable true"
                                        + " | SEC-002 is soft in production: meet the rule: no finding of severity high with a fix available;"
                                        + " or add an exception that names SEC-002, scoped to gpu-node-agent and production (if limited to"
                                        + " findings, listing CVE-2026-41022), that passes the exception lifecycle (docs/policy.md)")),
                Arguments.of(
                        "a threshold: the advice shows the current setting",
                        "sec-003-scan-7d-1s-is-stale-production",
                        List.of("SEC-003 soft null | evidence /security/scannedAt | rule SEC-003 security scan is stale"
                                + " | needs a security scan within 7d (scan.max-age) before now | waivable true"
                                + " | SEC-003 is soft in production: meet the rule: a security scan within 7d (scan.max-age) before now;"
                                + " or add an exception that names SEC-003, scoped to gpu-node-agent and production,"
                                + " that passes the exception lifecycle (docs/policy.md)")),
                Arguments.of(
                        "a risk naming an exception of another service",
                        "rsk-001-risk-names-exception-of-another-service",
                        List.of(
                                "RSK-001 hard RR-17 | evidence /residualRisks/0/exceptionId | rule RSK-001 residual risk names an exception not in scope"
                                        + " | needs the exception a high or critical residual risk names exists and is scoped to the release's"
                                        + " service and the target environment | waivable false"
                                        + " | RSK-001 is hard in production: no exception can waive it; meet the rule: the exception a high or"
                                        + " critical residual risk names exists and is scoped to the release's service and the target environment")),
                Arguments.of("eligible", "worked-example", List.of()));
    }

    /** A golden case's input, whether the case holds full files or a base with patches. */
    static EvaluationInput input(String fixture) {
        return CASES.computeIfAbsent(fixture, f -> {
            try {
                return dev.gatehouse.cases.CaseLoader.load(Fixtures.dir(f).getParent()).cases().stream()
                        .filter(c -> c.name().equals(f))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no golden case " + f))
                        .input();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static final java.util.Map<String, EvaluationInput> CASES = new java.util.concurrent.ConcurrentHashMap<>();

    static List<String> explain(PolicyEngine engine, String fixture) {
        return Blockers.explain(engine, input(fixture), Fixtures.AT).stream()
                .map(b -> b.control() + " " + b.enforcement() + " " + b.subject() + " | " + b.document() + " "
                        + b.evidence()
                        + " | rule " + String.join(", ", b.rules()) + " | needs " + String.join("; ", b.needs())
                        + " | waivable " + b.waivable() + " | " + b.remedy())
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("denied")
    void eachBlockerNamesItsRuleAndWhatWouldClearIt(String name, String fixture, List<String> expected) {
        assertEquals(expected, explain(Fixtures.ENGINE, fixture));
    }

    @Test
    void theBlockersAreTheDecisionsViolations() {
        PromotionDecision d = Fixtures.ENGINE.evaluate(input("denied-expired-exception"), Fixtures.AT);
        assertEquals(
                d.violations().stream()
                        .map(v -> v.control() + " " + v.subject())
                        .toList(),
                Blockers.explain(Fixtures.ENGINE, input("denied-expired-exception"), Fixtures.AT).stream()
                        .map(b -> b.control() + " " + b.subject())
                        .toList());
    }

    @Test
    void whenASettingIsRetunedThenDescriptionsSarifHelpAndAdviceShowTheNewValue(@TempDir Path tmp) throws IOException {
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules);
        try (var files = Files.list(TestPaths.rules())) {
            for (Path f : files.toList()) {
                Files.copy(f, rules.resolve(f.getFileName().toString()));
            }
        }
        Path settings = rules.resolve("settings.csv");
        String table = Files.readString(settings);
        assertTrue(table.contains("scan.max-age,duration,P7D,"));
        Files.writeString(settings, table.replace("scan.max-age,duration,P7D,", "scan.max-age,duration,P5D,"));
        PolicyEngine retuned = PolicyEngine.builder().rules(rules).build();

        assertEquals(
                List.of("a security scan within 5d (scan.max-age) before now"),
                retuned.ruleMetadata().stream()
                        .filter(r -> "SEC-003".equals(r.control()))
                        .map(r -> r.description())
                        .toList());
        assertEquals(
                List.of("a security scan within `scan.max-age` before now"),
                retuned.ruleMetadataAsWritten().stream()
                        .filter(r -> "SEC-003".equals(r.control()))
                        .map(r -> r.description())
                        .toList());

        PromotionDecision d = retuned.evaluate(input("sec-003-scan-7d-1s-is-stale-production"), Fixtures.AT);
        String sarif = SarifReport.render(
                d,
                retuned.ruleMetadata(),
                retuned.enforcementIn(Environment.PRODUCTION),
                Sources.of("evidence.json"),
                SarifReport.DEFAULT_DOCS_URL);
        assertTrue(sarif.contains("- a security scan within 5d (scan.max-age) before now\\n"), sarif);
        assertTrue(!sarif.contains("7d (scan.max-age)"), "the old value is gone from the SARIF help");

        assertEquals(
                List.of("SEC-003 soft null | evidence /security/scannedAt | rule SEC-003 security scan is stale"
                        + " | needs a security scan within 5d (scan.max-age) before now | waivable true"
                        + " | SEC-003 is soft in production: meet the rule: a security scan within 5d (scan.max-age) before now;"
                        + " or add an exception that names SEC-003, scoped to gpu-node-agent and production,"
                        + " that passes the exception lifecycle (docs/policy.md)"),
                explain(retuned, "sec-003-scan-7d-1s-is-stale-production"));
    }
}
