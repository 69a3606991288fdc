package dev.gatehouse.facts;

/** Observability posture: {@code /observability}. */
public record Observability(boolean logs, boolean metrics, boolean traces, boolean alerts, int criticalAlertsFiring)
        implements Traceable {
    @Override
    public String ref() {
        return "/observability";
    }
}
