package dev.gatehouse.bench;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.facts.Now;
import dev.gatehouse.facts.Settings;
import dev.gatehouse.internal.rulebase.EnforcementTable;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * BASELINE ONLY, never used by the product: the production checks of rules/*.drl written as plain
 * Java if/else over the same parsed input, with the same enforcement table and settings. It is the
 * physical limit the Drools evaluation is compared with (the ratio in bench/run's summary). It
 * builds violations with messages, waivers, exception statuses and the ring, but no trace and no
 * provenance digest. A test checks that it agrees with the engine on the benchmark inputs.
 */
public final class PlainJavaGate {
    private final EnforcementTable table;
    private final Settings s;

    public PlainJavaGate(EnforcementTable table, Settings settings) {
        this.table = table;
        this.s = settings;
    }

    /** One violation: control, level in the target, subject, message, evidence pointer. */
    public record V(String control, String level, String subject, String message, String evidence) {}

    /** The outcome, in the engine's terms. */
    public record Result(
            boolean eligible,
            Integer ring,
            List<V> violations,
            Map<V, String> waived,
            Map<String, String> exceptions) {}

    public Result decide(EvaluationInput in, Instant at) {
        ReleaseEvidence e = in.evidence();
        EnvironmentReadback r = in.readback();
        Now now = new Now(at);
        dev.gatehouse.model.Environment target = e.promotion().to();
        String to = target.wire();
        String author = e.release().author();
        List<V> out = new ArrayList<>();

        // Evidence
        if (!e.ci().commit().equals(e.release().commit())) {
            add(
                    out,
                    "EVD-001",
                    target,
                    null,
                    "CI built commit " + e.ci().commit() + " but the release is commit "
                            + e.release().commit(),
                    "/ci/commit");
        }
        Set<String> validated = new HashSet<>(e.ci().validatedDigests());
        Set<String> releaseDigests = new HashSet<>();
        for (int i = 0; i < e.release().artifacts().size(); i++) {
            ReleaseEvidence.Artifact a = e.release().artifacts().get(i);
            releaseDigests.add(a.digest());
            if (!validated.contains(a.digest())) {
                add(
                        out,
                        "EVD-002",
                        target,
                        a.digest(),
                        "artifact " + a.name() + " is not among the digests CI validated",
                        "/release/artifacts/" + i + "/digest");
            }
        }
        if (!r.environment().wire().equals(to)) {
            add(
                    out,
                    "EVD-003",
                    target,
                    null,
                    "the readback comes from " + r.environment().wire() + ", not from the target " + to,
                    "/environment");
        }
        if (!now.within(r.capturedAt(), s.duration("readback.max-age"), s.duration("clock.max-skew"))) {
            add(
                    out,
                    "EVD-004",
                    target,
                    null,
                    "the readback is " + Now.words(now.since(r.capturedAt())) + " old",
                    "/capturedAt");
        }
        Duration skew = s.duration("clock.max-skew");
        Map<String, Instant> times = new TreeMap<>();
        times.put("/ci/finishedAt", e.ci().finishedAt());
        times.put("/security/scannedAt", e.security().scannedAt());
        for (int i = 0; i < e.verifications().size(); i++)
            times.put(
                    "/verifications/" + i + "/completedAt",
                    e.verifications().get(i).completedAt());
        for (int i = 0; i < e.approvals().size(); i++)
            times.put("/approvals/" + i + "/at", e.approvals().get(i).at());
        times.put("/rollback/rehearsedAt", e.rollback().rehearsedAt());
        for (int i = 0; i < e.rollout().history().size(); i++)
            times.put(
                    "/rollout/history/" + i + "/enteredAt",
                    e.rollout().history().get(i).enteredAt());
        for (int i = 0; i < r.dataServices().size(); i++) {
            times.put(
                    "/dataServices/" + i + "/lastBackupAt",
                    r.dataServices().get(i).lastBackupAt());
            times.put(
                    "/dataServices/" + i + "/restoreVerifiedAt",
                    r.dataServices().get(i).restoreVerifiedAt());
        }
        times.forEach((pointer, t) -> {
            if (t != null && t.isAfter(at.plus(skew))) {
                add(out, "EVD-005", target, pointer, pointer + " is " + t + ", after the evaluation", pointer);
            }
        });
        // CI
        Map<String, String> checks = new HashMap<>();
        ReleaseEvidence.Checks c = e.ci().checks();
        if (c.contract() != null) checks.put("contract", c.contract().wire());
        if (c.build() != null) checks.put("build", c.build().wire());
        if (c.test() != null) checks.put("test", c.test().wire());
        if (c.security() != null) checks.put("security", c.security().wire());
        for (String name : s.list("ci.required-checks")) {
            String status = checks.get(name);
            if (status == null) {
                add(
                        out,
                        "CI-001",
                        target,
                        name,
                        "CI did not report the " + name + " check; it must run and pass",
                        "/ci/checks/" + name);
            } else if (!status.equals("passed")) {
                add(
                        out,
                        "CI-001",
                        target,
                        name,
                        "CI check " + name + " " + status + "; it must pass",
                        "/ci/checks/" + name);
            }
        }
        // Security
        for (int i = 0; i < e.security().findings().size(); i++) {
            ReleaseEvidence.Finding f = e.security().findings().get(i);
            String sev = f.severity().wire();
            if (sev.equals("critical")) {
                add(
                        out,
                        "SEC-001",
                        target,
                        f.id(),
                        "critical finding " + f.id() + " in " + f.artifact(),
                        "/security/findings/" + i);
            } else if (sev.equals("high") && f.fixAvailable()) {
                add(
                        out,
                        "SEC-002",
                        target,
                        f.id(),
                        "high finding " + f.id() + " has a fix available",
                        "/security/findings/" + i);
            }
        }
        if (!now.within(e.security().scannedAt(), s.duration("scan.max-age"))) {
            add(
                    out,
                    "SEC-003",
                    target,
                    null,
                    "the " + e.security().scanner() + " scan is stale",
                    "/security/scannedAt");
        }
        // Verification
        List<String> path = s.list("promotion.path");
        int fromAt = path.indexOf(e.promotion().from().wire());
        if (!(fromAt >= 0 && fromAt + 1 < path.size() && path.get(fromAt + 1).equals(to))) {
            add(
                    out,
                    "VER-001",
                    target,
                    null,
                    "a release may not go from " + e.promotion().from().wire() + " to " + to,
                    "/promotion/from");
        }
        boolean uat = false, review = false, soak = false;
        for (ReleaseEvidence.Verification v : e.verifications()) {
            boolean passed = v.result().wire().equals("passed");
            String kind = v.kind().wire();
            if (passed && kind.equals("uat") && v.digests().containsAll(releaseDigests)) uat = true;
            if (passed && kind.equals("security-review")) review = true;
            if (passed
                    && kind.equals("staging-soak")
                    && v.environment().wire().equals("staging")
                    && v.durationHours() != null
                    && v.durationHours() >= s.integer("soak.min-hours")
                    && v.digests().containsAll(releaseDigests)) soak = true;
        }
        if (!uat)
            add(
                    out,
                    "VER-002",
                    target,
                    null,
                    "no passed UAT verification covers every artifact of the release",
                    "/verifications");
        if (!review) add(out, "VER-003", target, null, "no passed security review", "/verifications");
        if (!soak)
            add(
                    out,
                    "VER-004",
                    target,
                    null,
                    "no passed staging soak covers every artifact of the release",
                    "/verifications");
        // Approvals
        boolean anyOther = false, ownerOther = false, governance = false;
        List<String> managers = new ArrayList<>();
        Set<String> security = new HashSet<>();
        int selfAt = -1;
        for (int i = 0; i < e.approvals().size(); i++) {
            ReleaseEvidence.Approval a = e.approvals().get(i);
            String role = a.role().wire();
            if (a.by().equals(author)) {
                if (selfAt < 0) selfAt = i;
                continue;
            }
            anyOther = true;
            if (role.equals("service-owner")) ownerOther = true;
            if (role.equals("release-manager")) managers.add(a.by());
            if (role.equals("security")) security.add(a.by());
            if (role.equals(s.text("ring.governance-role"))) governance = true;
        }
        if (to.equals("demo") && !anyOther)
            add(
                    out,
                    "APR-001",
                    target,
                    "any",
                    "demo needs one approval by someone other than the author " + author,
                    "/approvals");
        if (to.equals("staging") && !ownerOther)
            add(out, "APR-001", target, "service-owner", "staging needs a service-owner approval", "/approvals");
        if (to.equals("production")) {
            if (managers.isEmpty())
                add(
                        out,
                        "APR-001",
                        target,
                        "release-manager",
                        "production needs a release-manager approval",
                        "/approvals");
            if (security.isEmpty())
                add(out, "APR-001", target, "security", "production needs a security approval", "/approvals");
            if (!managers.isEmpty() && !security.isEmpty()) {
                boolean twoPeople = false;
                for (String m : managers) {
                    if (security.size() > 1 || !security.contains(m)) {
                        twoPeople = true;
                        break;
                    }
                }
                if (!twoPeople)
                    add(out, "APR-001", target, "security", managers.get(0) + " gave both approvals", "/approvals");
            }
        }
        if (selfAt >= 0)
            add(
                    out,
                    "APR-002",
                    target,
                    author,
                    author + " authored the release and approved it",
                    "/approvals/" + selfAt);
        // Rollback
        ReleaseEvidence.Rollback rb = e.rollback();
        if (rb.previousDigests().isEmpty() || !now.within(rb.rehearsedAt(), s.duration("rollback.rehearsal-max-age"))) {
            add(
                    out,
                    "RBK-001",
                    target,
                    null,
                    "the rollback is not rehearsed",
                    rb.previousDigests().isEmpty() ? "/rollback/previousDigests" : "/rollback/rehearsedAt");
        }
        Set<String> running = new HashSet<>();
        r.workloads().forEach(w -> running.add(w.digest()));
        for (int i = 0; i < rb.previousDigests().size(); i++) {
            String d = rb.previousDigests().get(i);
            if (!running.contains(d))
                add(
                        out,
                        "RBK-002",
                        target,
                        d,
                        "rollback would go to " + d + ", which does not run in the target",
                        "/rollback/previousDigests/" + i);
        }
        // Environment
        if (r.profile().manualSteps() != 0 || r.profile().renderedFromCommit() == null)
            add(out, "ENV-001", target, null, "the target is not config-driven", "/profile");
        if (r.identity().idpReplicas() < s.integer("identity.min-replicas")
                || r.identity().realmDrift())
            add(out, "ENV-002", target, null, "identity is not highly available", "/identity");
        for (int i = 0; i < r.dataServices().size(); i++) {
            EnvironmentReadback.DataService d = r.dataServices().get(i);
            boolean backup = now.within(d.lastBackupAt(), s.duration("backup.max-age"));
            if (!backup || !now.within(d.restoreVerifiedAt(), s.duration("restore.max-age"))) {
                add(
                        out,
                        "ENV-003",
                        target,
                        d.name(),
                        d.name() + " lacks a recent backup or restore",
                        "/dataServices/" + i + (backup ? "/restoreVerifiedAt" : "/lastBackupAt"));
            }
        }
        if (r.secrets().manager() == null || r.secrets().certificatesExpiringWithin14d() != 0)
            add(out, "ENV-004", target, null, "secrets not in order", "/secrets");
        if (!r.edge().tls() || !r.edge().waf()) add(out, "ENV-005", target, null, "the edge lacks TLS or WAF", "/edge");
        EnvironmentReadback.Observability o = r.observability();
        if (!o.logs() || !o.metrics() || !o.traces() || !o.alerts())
            add(out, "ENV-006", target, null, "observability incomplete", "/observability");
        if (o.criticalAlertsFiring() != 0)
            add(
                    out,
                    "ENV-007",
                    target,
                    null,
                    o.criticalAlertsFiring() + " critical alert(s) are firing",
                    "/observability/criticalAlertsFiring");

        // Exceptions: status checks in order, then waivers, then applied/unused.
        Map<String, String> statuses = new TreeMap<>();
        List<RiskException> valid = new ArrayList<>();
        String service = e.release().service();
        for (RiskException x : in.exceptions()) {
            if (!((x.scope().services().contains(service)
                            || x.scope().services().contains("*"))
                    && x.scope().environments().stream()
                            .anyMatch(env -> env.wire().equals(to)))) {
                continue;
            }
            Set<String> approvers = new TreeSet<>(x.approvedBy());
            approvers.remove(x.requestedBy());
            boolean effective = false;
            for (String control : x.controls()) {
                String level = table.level(control, e.promotion().to());
                if (!level.equals("hard") && !level.equals("off")) effective = true;
            }
            if (x.expiresAt().isAfter(x.createdAt().plus(s.duration("exception.max-validity")))
                    || now.before(x.createdAt())) {
                statuses.put(x.id(), "invalid");
            } else if (now.reached(x.expiresAt())) {
                statuses.put(x.id(), "expired");
            } else if (approvers.size()
                    < s.integer(
                            to.equals("production")
                                    ? "exception.approvers.production"
                                    : "exception.approvers.elsewhere")) {
                statuses.put(x.id(), "unapproved");
            } else if (!effective) {
                statuses.put(x.id(), "ineffective");
            } else {
                valid.add(x);
            }
        }
        valid.sort(Comparator.comparing(RiskException::id));
        Set<String> validIds = new HashSet<>();
        valid.forEach(x -> validIds.add(x.id()));
        for (int i = 0; i < e.residualRisks().size(); i++) {
            ReleaseEvidence.ResidualRisk rr = e.residualRisks().get(i);
            String sev = rr.severity().wire();
            if ((sev.equals("high") || sev.equals("critical"))
                    && (rr.exceptionId() == null || !validIds.contains(rr.exceptionId()))) {
                add(
                        out,
                        "RSK-001",
                        target,
                        rr.id(),
                        sev + " residual risk " + rr.id() + " without a valid exception",
                        "/residualRisks/" + i);
            }
        }
        Map<V, String> waived = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (V v : out) {
            if (!v.level().equals("soft")) continue;
            for (RiskException x : valid) {
                List<String> findings = x.scope().findings();
                if (x.controls().contains(v.control())
                        && (findings == null || (v.subject() != null && findings.contains(v.subject())))) {
                    waived.put(v, x.id());
                    used.add(x.id());
                    break;
                }
            }
        }
        for (RiskException x : valid) {
            statuses.put(x.id(), used.contains(x.id()) ? "applied" : "unused");
            if (used.contains(x.id()) && now.withinNext(x.expiresAt(), s.duration("exception.expiry-warning"))) {
                add(out, "EXC-001", target, x.id(), "exception " + x.id() + " expires soon", "/expiresAt");
            }
        }

        // Rings, production only.
        Integer ring = null;
        if (to.equals("production")) {
            List<ReleaseEvidence.RolloutEntry> history = e.rollout().history();
            int base;
            Integer unhealthy = null;
            ReleaseEvidence.RolloutEntry top = null;
            for (int i = 0; i < history.size(); i++) {
                ReleaseEvidence.RolloutEntry h = history.get(i);
                if (!h.healthy() && (unhealthy == null || h.ring() < unhealthy)) unhealthy = h.ring();
                if (top == null
                        || h.ring() > top.ring()
                        || (h.ring().equals(top.ring()) && !h.enteredAt().isBefore(top.enteredAt()))) {
                    top = h;
                }
            }
            int max = s.integer("ring.max");
            boolean fleet = s.list("ring.fleet-classes")
                    .contains(e.release().changeClass().wire());
            if (history.isEmpty()) {
                base = 0;
            } else if (unhealthy != null) {
                base = unhealthy;
            } else if (top.ring() >= max) {
                base = max;
            } else {
                Duration bake = s.duration("ring.bake." + (fleet ? "fleet" : "service") + "." + top.ring());
                base = now.elapsed(top.enteredAt(), bake) ? top.ring() + 1 : top.ring();
            }
            ring = base;
            if (!governance) ring = Math.min(ring, s.integer("ring.governance-cap"));
            EnvironmentReadback.Capacity cap = r.capacity();
            if (fleet
                    && BigDecimal.valueOf(cap.reserveGpuNodes())
                                    .multiply(BigDecimal.valueOf(100))
                                    .compareTo(
                                            s.percent("ring.reserve-min").multiply(BigDecimal.valueOf(cap.gpuNodes())))
                            < 0) {
                ring = Math.min(ring, s.integer("ring.reserve-cap"));
            }
            for (RiskException x : valid) {
                if (used.contains(x.id()) && x.scope().maxRing() != null)
                    ring = Math.min(ring, x.scope().maxRing());
            }
            Integer requested = e.promotion().requestedRing();
            if (requested != null && ring < requested) {
                add(
                        out,
                        "RNG-001",
                        target,
                        null,
                        "ring " + requested + " was requested but only ring " + ring + " is allowed",
                        "/promotion/requestedRing");
            }
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < history.size(); i++) {
                ReleaseEvidence.RolloutEntry h = history.get(i);
                if (!h.healthy() && seen.add(h.ring()))
                    add(
                            out,
                            "RNG-002",
                            target,
                            "ring " + h.ring(),
                            "ring " + h.ring() + " is unhealthy",
                            "/rollout/history/" + i);
            }
        }
        boolean eligible = true;
        for (V v : out) {
            if (v.level().equals("hard") || (v.level().equals("soft") && !waived.containsKey(v))) {
                eligible = false;
                break;
            }
        }
        return new Result(eligible, ring, out, waived, statuses);
    }

    private void add(
            List<V> out,
            String control,
            dev.gatehouse.model.Environment target,
            String subject,
            String message,
            String evidence) {
        String level = table.level(control, target);
        if (!level.equals("off")) {
            out.add(new V(control, level, subject, message, evidence));
        }
    }
}
