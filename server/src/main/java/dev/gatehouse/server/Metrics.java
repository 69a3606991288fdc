package dev.gatehouse.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The service's Prometheus metrics (Micrometer): decisions by outcome, the decision latency histogram, input
 * errors, internal failures, and requests refused before evaluation by reason.
 */
final class Metrics {
    /** Why a request was refused before any evaluation. */
    enum Rejection {
        UNAUTHORIZED,
        FORBIDDEN,
        TOO_LARGE,
        BUSY,
        DRAINING,
        TIMEOUT;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter eligible;
    private final Counter notEligible;
    private final Counter inputErrors;
    private final Counter internalErrors;
    private final Timer latency;
    private final Map<Rejection, Counter> rejected = new ConcurrentHashMap<>();

    Metrics(Supplier<Number> inFlight) {
        eligible = Counter.builder("gatehouse.decisions")
                .description("decisions made, by outcome")
                .tag("outcome", "eligible")
                .register(registry);
        notEligible = Counter.builder("gatehouse.decisions")
                .description("decisions made, by outcome")
                .tag("outcome", "not_eligible")
                .register(registry);
        inputErrors = Counter.builder("gatehouse.input.errors")
                .description("requests refused as bad input (400)")
                .register(registry);
        internalErrors = Counter.builder("gatehouse.internal.errors")
                .description("requests that failed without a decision (500)")
                .register(registry);
        latency = Timer.builder("gatehouse.decision.latency")
                .description("time to evaluate one decision request")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        for (Rejection r : Rejection.values()) {
            rejected.put(
                    r,
                    Counter.builder("gatehouse.rejected.requests")
                            .description("requests refused before evaluation, by reason")
                            .tag("reason", r.tag())
                            .register(registry));
        }
        Gauge.builder("gatehouse.in.flight", inFlight)
                .description("evaluations running now")
                .register(registry);
    }

    void decided(boolean isEligible, long nanos) {
        (isEligible ? eligible : notEligible).increment();
        latency.record(Duration.ofNanos(nanos));
    }

    void inputError() {
        inputErrors.increment();
    }

    void internalError() {
        internalErrors.increment();
    }

    void rejected(Rejection why) {
        rejected.get(why).increment();
    }

    String scrape() {
        return registry.scrape();
    }
}
