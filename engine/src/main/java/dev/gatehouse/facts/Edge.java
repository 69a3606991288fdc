package dev.gatehouse.facts;

/** Edge posture: {@code /edge}. */
public record Edge(boolean tls, boolean waf) implements Traceable {
    @Override
    public String ref() {
        return "/edge";
    }
}
