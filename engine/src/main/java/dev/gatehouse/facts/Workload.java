package dev.gatehouse.facts;

/** A workload running in the target: {@code /workloads/i}. */
public record Workload(String name, String digest, int index) implements Traceable {
    @Override
    public String ref() {
        return "/workloads/" + index;
    }
}
