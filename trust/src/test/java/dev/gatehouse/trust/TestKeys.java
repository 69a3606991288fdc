package dev.gatehouse.trust;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.model.PromotionDecision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test-only keys (generated per run, never committed), the worked example's decision, and Node. */
final class TestKeys {
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");
    static final String ARTIFACT = "sha256:9b8e7f6a5d4c3b2a19081726354453627180918a7b6c5d4e3f2a1b0c9d8e7f6a";

    private TestKeys() {}

    /** A key pair written as PEM files {@code <name>.pem} (PKCS#8) and {@code <name>.pub} (SPKI) under {@code dir}. */
    record Pair(Path privatePem, Path publicPem, Keys.SigningKey signing, Keys.VerificationKey verification) {}

    static Pair write(Path dir, String name, Keys.Algorithm algorithm) throws Exception {
        KeyPair kp = Keys.generate(algorithm);
        Path priv = dir.resolve(name + ".pem");
        Path pub = dir.resolve(name + ".pub");
        Files.writeString(priv, Keys.pem("PRIVATE KEY", kp.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(pub, Keys.pem("PUBLIC KEY", kp.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        return new Pair(priv, pub, Keys.readSigningKey(priv), Keys.readVerificationKey(pub));
    }

    static Path root() {
        String root = System.getProperty("gatehouse.root");
        return root != null
                ? Path.of(root).toAbsolutePath().normalize()
                : Path.of("..").toAbsolutePath().normalize();
    }

    static Path worked() {
        return root().resolve("fixtures/worked-example");
    }

    private static volatile PolicyEngine engine;

    static PolicyEngine engine() {
        if (engine == null) {
            synchronized (TestKeys.class) {
                if (engine == null) {
                    engine = PolicyEngine.builder().build();
                }
            }
        }
        return engine;
    }

    static EvaluationInput workedInput() {
        Path w = worked();
        return Inputs.read(w.resolve("evidence.json"), w.resolve("readback.json"), w.resolve("exceptions"));
    }

    static PromotionDecision workedDecision() {
        return engine().evaluate(workedInput(), AT);
    }

    /** Runs node with a script and arguments; fails (never skips) when node is missing or fails. */
    static String node(String script, List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("node", "-e", script));
        command.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("this test needs Node.js (node) on the PATH, an implementation of DSSE that is not ours: "
                    + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("node failed: " + out);
        }
        return out;
    }
}
