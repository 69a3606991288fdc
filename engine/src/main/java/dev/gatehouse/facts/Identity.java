package dev.gatehouse.facts;

/** Identity provider posture: {@code /identity}. */
public record Identity(int idpReplicas, boolean realmDrift) implements Traceable {
    @Override
    public String ref() {
        return "/identity";
    }
}
