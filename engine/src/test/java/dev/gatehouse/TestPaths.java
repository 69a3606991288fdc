package dev.gatehouse;

import java.nio.file.Path;

/** Where the repository's folders are, for tests run by Maven or an IDE. */
public final class TestPaths {
    private TestPaths() {}

    public static Path root() {
        String root = System.getProperty("gatehouse.root");
        return root != null
                ? Path.of(root).toAbsolutePath().normalize()
                : Path.of("..").toAbsolutePath().normalize();
    }

    public static Path rules() {
        return root().resolve("rules");
    }

    public static Path fixtures() {
        return root().resolve("fixtures");
    }

    /** The worked example (evidence, readback and its exceptions folder), read and validated. */
    public static dev.gatehouse.EvaluationInput workedExample() {
        return Inputs.read(
                fixtures().resolve("worked-example/evidence.json"),
                fixtures().resolve("worked-example/readback.json"),
                fixtures().resolve("worked-example/exceptions"));
    }
}
