package dev.gatehouse.facts;

import dev.gatehouse.internal.load.InputDocument;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Stage 3, facts: turns a validated input into the flat facts rules match, each list item
 * keeping its index so that conclusions can point at the evidence. Pure and thread-safe.
 */
public final class FactBuilder {
    private FactBuilder() {}

    /** The facts of one (validated) input at evaluation time {@code now}, in document order. */
    public static List<Object> facts(
            ReleaseEvidence evidence, EnvironmentReadback readback, List<RiskException> exceptions, Instant now) {
        List<Object> out = new ArrayList<>(64);
        out.add(new Now(now));
        evidence(evidence, out);
        timestamps(InputDocument.EVIDENCE.wire(), "", evidence, out);
        readback(readback, out);
        timestamps(InputDocument.READBACK.wire(), "", readback, out);
        for (RiskException x : exceptions) {
            out.add(new ExceptionRequest(
                    x.id(),
                    x.controls(),
                    x.scope().services(),
                    x.scope().environments().stream().map(Object::toString).toList(),
                    x.scope().findings(),
                    x.scope().maxRing(),
                    x.requestedBy(),
                    x.approvedBy(),
                    x.createdAt(),
                    x.expiresAt()));
        }
        return out;
    }

    private static void evidence(ReleaseEvidence e, List<Object> out) {
        ReleaseEvidence.Release r = e.release();
        out.add(new Release(
                r.service(),
                r.version(),
                r.commit(),
                r.author(),
                r.changeClass().wire()));
        for (int i = 0; i < r.artifacts().size(); i++) {
            out.add(new Artifact(
                    r.artifacts().get(i).name(), r.artifacts().get(i).digest(), i));
        }
        out.add(new Promotion(
                e.promotion().from().wire(),
                e.promotion().to().wire(),
                e.promotion().requestedRing()));
        ReleaseEvidence.Ci ci = e.ci();
        out.add(new CiRun(ci.runId(), ci.commit(), ci.finishedAt()));
        ReleaseEvidence.Checks checks = ci.checks();
        check("contract", checks.contract(), out);
        check("build", checks.build(), out);
        check("test", checks.test(), out);
        check("security", checks.security(), out);
        for (int i = 0; i < ci.validatedDigests().size(); i++) {
            out.add(new ValidatedDigest(ci.validatedDigests().get(i), i));
        }
        out.add(new Scan(e.security().scanner(), e.security().scannedAt()));
        List<ReleaseEvidence.Finding> findings = e.security().findings();
        for (int i = 0; i < findings.size(); i++) {
            ReleaseEvidence.Finding f = findings.get(i);
            out.add(new Finding(
                    f.id(),
                    f.severity().wire(),
                    f.artifact(),
                    f.fixAvailable(),
                    f.vex() == null ? null : f.vex().status().wire(),
                    f.vex() == null ? null : f.vex().justification(),
                    i));
        }
        for (int i = 0; i < e.verifications().size(); i++) {
            ReleaseEvidence.Verification v = e.verifications().get(i);
            out.add(new Verification(
                    v.kind().wire(),
                    v.environment().wire(),
                    v.result().wire(),
                    java.util.Set.copyOf(v.digests()),
                    v.completedAt(),
                    v.durationHours(),
                    i));
        }
        for (int i = 0; i < e.approvals().size(); i++) {
            ReleaseEvidence.Approval a = e.approvals().get(i);
            out.add(new Approval(a.role().wire(), a.by(), a.at(), i));
        }
        for (int i = 0; i < e.residualRisks().size(); i++) {
            ReleaseEvidence.ResidualRisk rr = e.residualRisks().get(i);
            out.add(new ResidualRisk(rr.id(), rr.title(), rr.severity().wire(), rr.exceptionId(), i));
        }
        ReleaseEvidence.Rollback rb = e.rollback();
        out.add(new Rollback(rb.strategy(), rb.previousDigests(), rb.rehearsedAt()));
        for (int i = 0; i < rb.previousDigests().size(); i++) {
            out.add(new PreviousDigest(rb.previousDigests().get(i), i));
        }
        List<ReleaseEvidence.RolloutEntry> history = e.rollout().history();
        for (int i = 0; i < history.size(); i++) {
            ReleaseEvidence.RolloutEntry h = history.get(i);
            out.add(new RolloutEntry(h.ring(), h.enteredAt(), h.healthy(), i));
        }
    }

    private static void check(String name, dev.gatehouse.model.CheckStatus status, List<Object> out) {
        if (status != null) {
            out.add(new CiCheck(name, status.wire()));
        }
    }

    private static void readback(EnvironmentReadback r, List<Object> out) {
        out.add(new Readback(r.environment().wire(), r.capturedAt()));
        out.add(new Profile(
                r.profile().name(),
                r.profile().renderedFromCommit(),
                r.profile().manualSteps()));
        for (int i = 0; i < r.workloads().size(); i++) {
            out.add(new Workload(
                    r.workloads().get(i).name(), r.workloads().get(i).digest(), i));
        }
        out.add(new Identity(r.identity().idpReplicas(), r.identity().realmDrift()));
        for (int i = 0; i < r.dataServices().size(); i++) {
            EnvironmentReadback.DataService d = r.dataServices().get(i);
            out.add(new DataService(d.name(), d.lastBackupAt(), d.restoreVerifiedAt(), i));
        }
        out.add(new Secrets(r.secrets().manager(), r.secrets().certificatesExpiringWithin14d()));
        out.add(new Edge(r.edge().tls(), r.edge().waf()));
        out.add(new Capacity(r.capacity().gpuNodes(), r.capacity().reserveGpuNodes()));
        EnvironmentReadback.Observability o = r.observability();
        out.add(new Observability(o.logs(), o.metrics(), o.traces(), o.alerts(), o.criticalAlertsFiring()));
    }

    /** A record component that may hold an instant, with its pointer token escaped once. */
    private record Slot(RecordComponent component, String token) {}

    /**
     * Per record class, the components whose declared type can hold an instant (an instant, a record,
     * a list or collection of such, or a type that is not known until run time): found once per class,
     * so a decision does not read every string and number of the input to find its times.
     */
    private static final ClassValue<List<Slot>> SLOTS = new ClassValue<>() {
        @Override
        protected List<Slot> computeValue(Class<?> type) {
            List<Slot> out = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                if (mayHoldInstant(c.getGenericType())) {
                    out.add(new Slot(c, escape(c.getName())));
                }
            }
            return List.copyOf(out);
        }
    };

    private static boolean mayHoldInstant(java.lang.reflect.Type type) {
        if (type instanceof Class<?> c) {
            if (c.isPrimitive()
                    || c.isEnum()
                    || CharSequence.class.isAssignableFrom(c)
                    || Number.class.isAssignableFrom(c)
                    || c == Boolean.class
                    || Map.class.isAssignableFrom(c)) {
                return false;
            }
            if (c.isRecord()) {
                return SLOTS.get(c).size() > 0;
            }
            return true; // Instant itself, a raw collection, Object: look at the value
        }
        if (type instanceof java.lang.reflect.ParameterizedType p
                && p.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)
                && p.getActualTypeArguments().length == 1) {
            return mayHoldInstant(p.getActualTypeArguments()[0]);
        }
        return true;
    }

    /**
     * A {@link Timestamp} for every instant that is set in {@code value} and below it, in
     * document order: record components are the contract's fields (their names are the JSON
     * names), list items are numbered from 0.
     */
    private static void timestamps(String document, String pointer, Object value, List<Object> out) {
        if (value instanceof Instant at) {
            out.add(new Timestamp(document, pointer, at));
        } else if (value instanceof Record record) {
            for (Slot slot : SLOTS.get(record.getClass())) {
                Object field;
                try {
                    field = slot.component().getAccessor().invoke(record);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException(
                            "cannot read " + document + " field " + pointer + "/"
                                    + slot.component().getName(),
                            e);
                }
                timestamps(document, pointer + "/" + slot.token(), field, out);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                timestamps(document, pointer + "/" + i, list.get(i), out);
            }
        } else if (value instanceof Collection<?> set
                && set.stream().anyMatch(x -> x instanceof Instant || x instanceof Record)) {
            throw new IllegalStateException(document + " field " + pointer + " is an unordered collection of records"
                    + " or instants: its items have no JSON Pointer");
        }
    }

    /** A JSON Pointer reference token (RFC 6901): ~ as ~0, / as ~1. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
