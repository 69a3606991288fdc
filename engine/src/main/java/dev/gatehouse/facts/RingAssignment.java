package dev.gatehouse.facts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A conclusion: the ring the release may reach, with the reasons, in the order they applied. */
public record RingAssignment(int allowed, List<RingReason> reasons) implements Traceable {
    public RingAssignment {
        reasons = List.copyOf(reasons);
    }

    /**
     * Applies the base step and then each cap, in rank order then by key, keeping a cap (and its
     * reason) only when it is lower than the ring reached so far.
     */
    public static RingAssignment fold(List<RingStep> steps) {
        List<RingStep> ordered = new ArrayList<>(steps);
        ordered.sort(Comparator.comparingInt(RingStep::rank).thenComparing(RingStep::key));
        Integer ring = null;
        List<RingReason> reasons = new ArrayList<>();
        for (RingStep step : ordered) {
            if (ring == null || step.ring() < ring) {
                ring = step.ring();
                reasons.add(new RingReason(step.code(), step.detail()));
            }
        }
        if (ring == null) {
            throw new IllegalStateException("no base ring: a rule must insert a RingStep of rank 0");
        }
        return new RingAssignment(ring, reasons);
    }

    @Override
    public String ref() {
        return "ring " + allowed;
    }
}
