package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: compared exactly; rewritten only when the build is run with
 * {@code -Dgatehouse.rewriteGoldens=true} (then review the diff before committing).
 */
public final class Goldens {
    private Goldens() {}

    public static void assertMatches(Path golden, String actual) throws IOException {
        if (Boolean.getBoolean("gatehouse.rewriteGoldens")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        String expected =
                Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : "<missing " + golden + ">";
        assertEquals(
                expected,
                actual,
                "golden " + golden + " differs (rerun with -Dgatehouse.rewriteGoldens=true to accept)");
    }
}
