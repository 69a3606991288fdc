package dev.gatehouse;

import java.nio.file.Path;

/** Where the repository's folders are, for tests run by Maven or an IDE. */
public final class TestPaths {
    private TestPaths() {}

    public static Path root() {
        String root = System.getProperty("gatehouse.root");
        return root != null ? Path.of(root).toAbsolutePath().normalize() : Path.of("..").toAbsolutePath().normalize();
    }

    public static Path rules() {
        return root().resolve("rules");
    }

    public static Path fixtures() {
        return root().resolve("fixtures");
    }
}
