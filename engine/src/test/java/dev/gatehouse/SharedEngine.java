package dev.gatehouse;

/**
 * The repository's {@code rules/} compiled once per test JVM and shared by every test class that
 * only needs it evaluated (compiling takes seconds; an engine is immutable and thread-safe). Tests
 * about compiling itself build their own.
 */
public final class SharedEngine {
    private SharedEngine() {}

    private static final class Holder {
        static final PolicyEngine RULES =
                PolicyEngine.builder().rules(TestPaths.rules()).build();
    }

    /** The engine for {@link TestPaths#rules()}, compiled on first use. */
    public static PolicyEngine rules() {
        return Holder.RULES;
    }
}
