package dev.gatehouse.cases;

import java.nio.file.Path;
import java.time.Instant;

/** One golden case: its folder, name, description, evaluation time and expectation. */
public record GoldenCase(String name, Path dir, String description, Instant at, Expectation expect) {
    public Path evidence() {
        return dir.resolve("evidence.json");
    }

    public Path readback() {
        return dir.resolve("readback.json");
    }

    /** The exceptions folder, or null when the case has none. */
    public Path exceptions() {
        Path x = dir.resolve("exceptions");
        return java.nio.file.Files.isDirectory(x) ? x : null;
    }
}
