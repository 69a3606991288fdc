package dev.gatehouse.facts;

/** GPU capacity: {@code /capacity}. */
public record Capacity(int gpuNodes, int reserveGpuNodes) implements Traceable {
    @Override
    public String ref() {
        return "/capacity";
    }
}
