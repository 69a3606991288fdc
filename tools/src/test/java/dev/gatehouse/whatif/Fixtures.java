package dev.gatehouse.whatif;

import dev.gatehouse.PolicyEngine;
import dev.gatehouse.SharedEngine;
import dev.gatehouse.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The repository's fixtures as what-if bases, and one engine for the repository's rules. */
final class Fixtures {
    static final PolicyEngine ENGINE = SharedEngine.rules();
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    private Fixtures() {}

    static Path dir(String name) {
        return TestPaths.fixtures().resolve(name);
    }

    static Scenario scenario(String name) {
        Path d = dir(name);
        Path x = d.resolve("exceptions");
        return Scenario.read(
                d.resolve("evidence.json"), d.resolve("readback.json"), Files.isDirectory(x) ? x : null, AT);
    }

    static String evidenceLabel(String name) {
        return dir(name).resolve("evidence.json").toString();
    }
}
