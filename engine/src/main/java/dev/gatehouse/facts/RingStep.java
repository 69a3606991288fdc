package dev.gatehouse.facts;

/**
 * A conclusion on the way to the allowed ring: either the base ring from the rollout history
 * ({@code rank} 0) or a cap ({@code rank} above 0, applied in rank order then by {@code key}).
 * A cap lowers the ring only when it is lower than the ring reached so far.
 */
public record RingStep(int rank, String key, int ring, String code, String detail) implements Traceable {
    @Override
    public String ref() {
        return "ring " + code + (key.isEmpty() ? "" : " " + key);
    }
}
