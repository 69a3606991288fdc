package dev.gatehouse.internal.evaluate;

import dev.gatehouse.facts.Enforcement;
import dev.gatehouse.internal.rulebase.CompiledRulebase;
import dev.gatehouse.model.Environment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Runs one evaluation in its own session within a firing cap and a wall-clock limit. Immutable and thread-safe.
 *
 * <p>Where {@link Thread#stop()} works (Java 19 and earlier: the JDK 17 the command runs on) the evaluation runs on
 * the caller's thread, held to its limit by the {@link Watchdog}. Elsewhere it runs on an engine-owned worker thread
 * the caller waits for, which a stuck rule can be left on (a daemon, its session never reused); that costs two
 * thread wake-ups per evaluation, measured at a fifth of a warm one.
 */
public final class Evaluator {
    /** How long an evaluation that missed its deadline gets to stop after halt() (and, on a worker, interrupt()) before its thread is stopped. */
    static final Duration GRACE = Duration.ofMillis(500);

    private static final AtomicInteger WORKERS = new AtomicInteger();
    /**
     * Daemon workers, pooled: a decision does not pay for a new thread, and a worker that is stuck
     * in a rule never keeps the JVM alive.
     */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gatehouse-evaluation-" + WORKERS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final int maxFirings;
    private final Duration timeout;
    /**
     * Sessions are reused: a new session builds the memory of every node it touches, which was a
     * quarter of an evaluation; a pooled session is reset (no facts, no agenda) when disposed. A
     * session whose evaluation failed or timed out is never returned to the pool.
     */
    private final KieSessionsPool sessions;
    /**
     * Per target environment, the tables' facts every evaluation starts from: the settings and the controls in force
     * there (immutable, so shared by every session).
     */
    private final Map<Environment, List<Object>> tables = new EnumMap<>(Environment.class);

    /** Whether {@link Thread#stop()} works on this JVM (from Java 20 it throws UnsupportedOperationException). */
    static final boolean THREADS_CAN_BE_STOPPED = Runtime.version().feature() < 20;

    /** Whether evaluations run on their caller's thread (else on a worker thread). */
    private final boolean onCallerThread;

    public Evaluator(CompiledRulebase rulebase, int maxFirings, Duration timeout) {
        this(rulebase, maxFirings, timeout, THREADS_CAN_BE_STOPPED);
    }

    /** An evaluator that runs evaluations on the caller's thread (only where threads can be stopped) or on workers. */
    public Evaluator(CompiledRulebase rulebase, int maxFirings, Duration timeout, boolean onCallerThread) {
        if (onCallerThread && !THREADS_CAN_BE_STOPPED) {
            throw new IllegalArgumentException(
                    "evaluations can run on the caller's thread only where Thread.stop works");
        }
        this.onCallerThread = onCallerThread;
        this.maxFirings = maxFirings;
        this.timeout = timeout;
        for (Environment e : Environment.values()) {
            tables.put(e, tables(rulebase, e));
        }
        this.sessions = rulebase.kieBase()
                .newKieSessionsPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Inserts the facts, the settings and the controls in force for {@code target}, fires the
     * rules (at most {@code maxFirings}, within {@code timeout}), and returns what the session holds
     * afterwards. An evaluation that did not run to completion is an {@link EvaluationFailure}.
     */
    public Evaluation run(List<Object> facts, Environment target) {
        KieSession session = sessions.newKieSession();
        return onCallerThread ? runHere(session, facts, target) : runOnWorker(session, facts, target);
    }

    /** Whether evaluations run on their caller's thread. */
    public boolean onCallerThread() {
        return onCallerThread;
    }

    private Evaluation runHere(KieSession session, List<Object> facts, Environment target) {
        boolean interruptedBefore = Thread.currentThread().isInterrupted();
        Watchdog.Watch watch = Watchdog.INSTANCE.watch(session, timeout);
        try {
            Evaluation done = null;
            EvaluationFailure failed = null;
            Error fatal = null;
            try {
                done = evaluate(session, facts, target);
            } catch (EvaluationFailure e) {
                failed = e;
            } catch (ThreadDeath death) {
                throw death;
            } catch (Error e) {
                fatal = e; // out of memory and the like: rethrown below, once the watchdog can no longer stop us
            }
            Watchdog.End end = watch.finish();
            if (end == Watchdog.End.STOPPING) {
                watch.awaitStop(failed, GRACE); // throws the ThreadDeath, caught below, unless Drools caught it first
                restoreInterrupt(interruptedBefore);
            }
            if (fatal != null) {
                throw fatal;
            }
            if (end != Watchdog.End.IN_TIME) {
                throw timedOut(); // the session was halted: whatever the evaluation returned may be incomplete
            }
            if (failed != null) {
                throw failed;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new EvaluationFailure("interrupted while the rules were evaluating", null);
            }
            session.dispose(); // back to the pool, reset
            return done;
        } catch (ThreadDeath death) {
            if (!watch.stopped()) {
                throw death; // not ours
            }
            restoreInterrupt(interruptedBefore);
            throw timedOut();
        } finally {
            Watchdog.INSTANCE.forget(watch);
        }
    }

    /** Thread.stop also interrupts the thread (to wake it from a wait): the caller's interrupt status is its own. */
    private static void restoreInterrupt(boolean interruptedBefore) {
        if (Thread.interrupted() && interruptedBefore) {
            Thread.currentThread().interrupt();
        }
    }

    private EvaluationFailure timedOut() {
        return new EvaluationFailure(
                "the evaluation took longer than its limit of " + words(timeout)
                        + ": a rule, condition or function is probably looping or too slow",
                null);
    }

    private Evaluation runOnWorker(KieSession session, List<Object> facts, Environment target) {
        AtomicReference<Thread> worker = new AtomicReference<>();
        Callable<Evaluation> task = () -> {
            worker.set(Thread.currentThread());
            try {
                return evaluate(session, facts, target);
            } finally {
                synchronized (worker) {
                    worker.set(null);
                }
            }
        };
        Future<Evaluation> future;
        try {
            future = POOL.submit(task);
        } catch (RejectedExecutionException e) {
            throw new EvaluationFailure("no worker thread to evaluate on: " + e.getMessage(), e);
        }
        try {
            Evaluation done = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            session.dispose(); // back to the pool, reset
            return done;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EvaluationFailure f) {
                throw f;
            }
            throw new EvaluationFailure("the rules failed: " + cause, cause);
        } catch (TimeoutException e) {
            stop(session, future, worker);
            throw timedOut();
        } catch (InterruptedException e) {
            stop(session, future, worker);
            Thread.currentThread().interrupt();
            throw new EvaluationFailure("interrupted while the rules were evaluating", e);
        }
    }

    /** Stops a worker that missed its deadline: halt, interrupt, and after a grace, Thread.stop (its session is abandoned). */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(KieSession session, Future<Evaluation> future, AtomicReference<Thread> worker) {
        session.halt();
        future.cancel(true);
        Thread w = worker.get();
        if (w == null) {
            return;
        }
        try {
            w.join(GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (worker) {
            if (worker.get() == w) {
                // A consequence stuck in a loop ignores halt() and interrupt(). Thread.stop (Java 17 still has it)
                // throws ThreadDeath in the worker at its next safepoint; the safe subset forbids catching Errors,
                // finally and synchronized, so no rule can swallow it. The session is never reused.
                try {
                    w.stop();
                } catch (UnsupportedOperationException gone) {
                    // Java 20 and later: the worker can only be abandoned (a daemon thread, its session never reused).
                }
            }
        }
    }

    private Evaluation evaluate(KieSession session, List<Object> facts, Environment target) {
        List<Firing> firings = new ArrayList<>();
        DefaultAgendaEventListener fires = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                firings.add(new Firing(
                        event.getMatch().getRule().getName(), event.getMatch().getObjects()));
            }
        };
        // Which rule inserted each conclusion: a consequence's inserts come before its afterMatchFired,
        // so the firing that inserts is the next one recorded.
        List<Insertion> insertions = new ArrayList<>();
        DefaultRuleRuntimeEventListener inserts = new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getRule() != null) {
                    insertions.add(new Insertion(event.getRule().getName(), event.getObject(), firings.size()));
                }
            }
        };
        // A pooled session keeps its listeners through a reset: they are removed after each evaluation. The insertion
        // listener is added once the input's facts are in (evaluate below): it records only what rules insert, and
        // with no listener Drools makes no event for each of the input's facts.
        session.addEventListener(fires);
        try {
            return evaluate(session, target, facts, firings, insertions, inserts);
        } finally {
            session.removeEventListener(fires);
            session.removeEventListener(inserts);
        }
    }

    private Evaluation evaluate(
            KieSession session,
            Environment target,
            List<Object> facts,
            List<Firing> firings,
            List<Insertion> insertions,
            DefaultRuleRuntimeEventListener inserts) {
        int fired;
        try {
            for (Object fact : tables.get(target)) {
                session.insert(fact);
            }
            for (Object fact : facts) {
                session.insert(fact);
            }
            session.addEventListener(inserts);
            fired = session.fireAllRules(maxFirings);
        } catch (ConsequenceException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new EvaluationFailure(
                    "rule \"" + e.getMatch().getRule().getName() + "\" failed: " + cause.getMessage(), cause);
        } catch (RuntimeException | StackOverflowError e) {
            throw new EvaluationFailure("the rules failed: " + e, e);
        }
        if (fired >= maxFirings) {
            throw new EvaluationFailure(
                    "stopped after " + maxFirings + " rule firings: a rule is probably looping (" + busiest(firings)
                            + ")",
                    null);
        }
        // Completion: a halted session (or one a rule stopped) still has matches to fire. Firing once more must fire
        // nothing.
        int more;
        try {
            more = session.fireAllRules(1);
        } catch (RuntimeException e) {
            throw new EvaluationFailure("the rules failed: " + e, e);
        }
        if (more > 0 || (!onCallerThread && Thread.currentThread().isInterrupted())) {
            throw new EvaluationFailure(
                    "the evaluation did not run to completion: rules were still due to fire after " + fired
                            + " firings",
                    null);
        }
        return new Evaluation(new ArrayList<>(session.getObjects()), firings, insertions);
    }

    private static List<Object> tables(CompiledRulebase rulebase, Environment target) {
        List<Object> out = new ArrayList<>();
        out.add(rulebase.settings());
        for (String control : rulebase.enforcement().controls()) {
            String level = rulebase.enforcement().level(control, target);
            if (!"off".equals(level)) {
                out.add(new Enforcement(control, level));
            }
        }
        return List.copyOf(out);
    }

    private static String words(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String busiest(List<Firing> firings) {
        Map<String, Integer> counts = new HashMap<>();
        firings.forEach(f -> counts.merge(f.rule(), 1, Integer::sum));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(3)
                .map(e -> "\"" + e.getKey() + "\" fired " + e.getValue() + " times")
                .reduce((a, b) -> a + ", " + b)
                .orElse("no rule fired");
    }
}
