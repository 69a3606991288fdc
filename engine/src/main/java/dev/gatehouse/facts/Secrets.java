package dev.gatehouse.facts;

/** Secrets and PKI posture: {@code /secrets}. {@code manager} is null when there is none. */
public record Secrets(String manager, int certificatesExpiringWithin14d) implements Traceable {
    @Override
    public String ref() {
        return "/secrets";
    }
}
