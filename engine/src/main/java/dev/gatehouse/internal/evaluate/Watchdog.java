package dev.gatehouse.internal.evaluate;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.kie.api.runtime.KieSession;

/**
 * Holds evaluations that run on their caller's thread to their time limit. One daemon thread per JVM looks at the
 * evaluations in progress every {@link #TICK}; one past its deadline is halted ({@link KieSession#halt()}: no further
 * firing), and one still running {@link Evaluator#GRACE} later (a consequence or condition stuck in a loop ignores
 * halt) is stopped with {@link Thread#stop()}, which throws {@link ThreadDeath} in it at its next safepoint.
 *
 * <p>Starting and ending a watch costs a set insertion and removal: no thread is woken per evaluation (the
 * hand-off to a worker thread that this replaces was a fifth of a warm evaluation, two thread wake-ups). The
 * watchdog parks when nothing was watched for a second (waking every second to look again), and the next watch
 * wakes it.
 *
 * <p>The stop can never land outside the evaluation: the watchdog decides to stop and the evaluation decides it is
 * done under the same lock ({@link Watch#finish()}), and an evaluation told that its stop is coming waits for it
 * ({@link Watch#awaitStop(Throwable, Duration)}). Only where {@code Thread.stop} works (Java 19 and earlier); elsewhere evaluations run
 * on worker threads that can be abandoned ({@link Evaluator}).
 */
final class Watchdog {
    /** How often the evaluations in progress are looked at: the time limit is kept to within this. */
    static final Duration TICK = Duration.ofMillis(10);
    /** How long the watchdog keeps ticking with nothing to watch before it parks. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    static final Watchdog INSTANCE = new Watchdog();

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;
    private volatile boolean parked;
    private volatile long lastWatch;

    private Watchdog() {}

    /** What a watch ended as. */
    enum End {
        /** Finished before its deadline. */
        IN_TIME,
        /** Finished after its deadline: the session was halted, so the evaluation may be incomplete. */
        LATE,
        /** The watchdog is stopping the thread: its ThreadDeath is on its way. */
        STOPPING
    }

    /** One evaluation on the current thread, in {@code session}, to be done within {@code limit}. */
    Watch watch(KieSession session, Duration limit) {
        Watch w = new Watch(Thread.currentThread(), session, System.nanoTime() + limit.toNanos());
        watched.add(w);
        lastWatch = System.nanoTime();
        Thread t = thread;
        if (t == null) {
            start();
        } else if (parked) {
            LockSupport.unpark(t);
        }
        return w;
    }

    /** Forgets a watch (always, in a finally). */
    void forget(Watch w) {
        watched.remove(w);
    }

    private synchronized void start() {
        if (thread == null) {
            Thread t = new Thread(this::loop, "gatehouse-watchdog");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    private void loop() {
        while (true) {
            long now = System.nanoTime();
            for (Watch w : watched) {
                w.check(now);
            }
            if (watched.isEmpty() && now - lastWatch > IDLE_NANOS) {
                parked = true;
                if (watched.isEmpty()) {
                    // A watch added after the flag was set has seen it and unparks us; at worst (a race the memory
                    // model allows in theory) a second later.
                    LockSupport.parkNanos(this, IDLE_NANOS);
                }
                parked = false;
            } else {
                LockSupport.parkNanos(this, TICK.toNanos());
            }
        }
    }

    /** One evaluation being watched. */
    static final class Watch {
        private final Thread thread;
        private final KieSession session;
        private final long deadline;
        private long haltedAt;
        private State state = State.RUNNING;
        private boolean stopFailed;

        private enum State {
            RUNNING,
            HALTED,
            STOPPING,
            DONE
        }

        private Watch(Thread thread, KieSession session, long deadline) {
            this.thread = thread;
            this.session = session;
            this.deadline = deadline;
        }

        @SuppressWarnings({"deprecation", "removal"})
        private synchronized void check(long now) {
            if (state == State.RUNNING && now - deadline >= 0) {
                state = State.HALTED;
                haltedAt = now;
                session.halt();
            } else if (state == State.HALTED && now - haltedAt >= Evaluator.GRACE.toNanos()) {
                // A consequence stuck in a loop ignores halt(). The safe subset forbids catching Errors, finally and
                // synchronized, so no rule can swallow the ThreadDeath; the session is never reused.
                state = State.STOPPING;
                try {
                    thread.stop();
                } catch (UnsupportedOperationException gone) {
                    stopFailed = true; // not on a JVM where evaluations run on their caller's thread
                }
            }
        }

        /** Ends the watch: how the evaluation ended. After {@link End#STOPPING}, call {@link #awaitStop(Throwable, Duration)}. */
        synchronized End finish() {
            return switch (state) {
                case RUNNING -> {
                    state = State.DONE;
                    yield End.IN_TIME;
                }
                case HALTED -> {
                    state = State.DONE;
                    yield End.LATE;
                }
                case STOPPING -> End.STOPPING;
                case DONE -> throw new IllegalStateException("a watch is finished once");
            };
        }

        /** Whether the watchdog stopped (or is stopping) this evaluation's thread. */
        synchronized boolean stopped() {
            return state == State.STOPPING;
        }

        /**
         * Waits, at most {@code limit}, for the ThreadDeath the watchdog sent, unless {@code seen} shows it arrived
         * already (Drools wraps what a consequence throws). It arrives at the thread's next safepoint, which a
         * waiting loop reaches at once, so this returns only by throwing it, in practice.
         */
        void awaitStop(Throwable seen, Duration limit) {
            for (Throwable t = seen; t != null; t = t.getCause()) {
                if (t instanceof ThreadDeath) {
                    return;
                }
            }
            long until = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() - until < 0) {
                synchronized (this) {
                    if (stopFailed) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
    }
}
