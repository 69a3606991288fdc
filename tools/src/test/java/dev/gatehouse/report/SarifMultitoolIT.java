package dev.gatehouse.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.SharedEngine;
import dev.gatehouse.model.Environment;
import dev.gatehouse.model.PromotionDecision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SARIF gatehouse writes passes the SARIF multitool's validation with GitHub's rules
 * ({@code validate --rule-kind "Gh;Sarif"}): no error and no warning, for an eligible decision
 * with a waiver, a not-eligible one and one with a result at every level.
 *
 * <p>The tool is installed on first use with npm into {@code target/sarif-multitool} (pinned
 * version); a machine without npm fails this test with a message that says so: it never skips.
 */
class SarifMultitoolIT {
    static final String VERSION = "5.7.0";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void whenTheMultitoolValidatesGatehouseSarifWithGitHubRulesThenItFindsNoErrorAndNoWarning() throws Exception {
        Path dir = Path.of("target", "sarif-validate").toAbsolutePath();
        Files.createDirectories(dir);
        PolicyEngine engine = SharedEngine.rules();
        PolicyEngine tiny = DecisionReportsTest.tinyEngine();
        List<Path> logs = new ArrayList<>();
        logs.add(write(
                dir.resolve("worked-example-eligible.sarif"), engine, DecisionReportsTest.workedExampleLocated(true)));
        logs.add(write(
                dir.resolve("worked-example-not-eligible.sarif"),
                engine,
                DecisionReportsTest.workedExampleLocated(false)));
        logs.add(write(dir.resolve("every-level.sarif"), tiny, DecisionReportsTest.workedExampleLocated(false)));

        Path out = dir.resolve("validation.sarif");
        Files.deleteIfExists(out);
        List<String> command = new ArrayList<>(List.of(
                multitool().toString(),
                "validate",
                "--rule-kind",
                "Gh;Sarif",
                "--level",
                "Error;Warning",
                "--output",
                out.toString()));
        logs.forEach(p -> command.add(p.toString()));
        Run run = exec(command, dir);
        assertTrue(Files.exists(out), "the multitool wrote no result (exit " + run.exit + "):\n" + run.output);

        List<String> findings = new ArrayList<>();
        for (JsonNode r : JSON.readTree(out.toFile()).path("runs").path(0).path("results")) {
            String level = r.path("level").asText("warning");
            if (level.equals("error") || level.equals("warning")) {
                findings.add(level + " " + r.path("ruleId").asText() + " "
                        + r.path("locations")
                                .path(0)
                                .path("physicalLocation")
                                .path("artifactLocation")
                                .path("uri")
                                .asText()
                        + ": " + r.path("message").path("arguments"));
            }
        }
        assertEquals(List.of(), findings, "multitool output:\n" + run.output);
        assertTrue(
                run.output.contains("Done. " + logs.size() + " files scanned."),
                "the multitool did not scan every log:\n" + run.output);
    }

    private static Path write(Path file, PolicyEngine engine, dev.gatehouse.internal.InputReading.Located read)
            throws IOException {
        PromotionDecision d = engine.evaluate(read.input(), DecisionReportsTest.AT);
        Files.writeString(
                file,
                SarifReport.render(
                        d,
                        engine.ruleMetadata(),
                        engine.enforcementIn(Environment.PRODUCTION),
                        read.sources(),
                        SarifReport.DEFAULT_DOCS_URL),
                StandardCharsets.UTF_8);
        return file;
    }

    /** The multitool executable, installed with npm into target/ when it is not there yet. */
    static Path multitool() throws Exception {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String flavour = os.contains("win") ? "win32" : os.contains("mac") ? "darwin" : "linux";
        String exe = flavour.equals("win32") ? "Sarif.Multitool.exe" : "Sarif.Multitool";
        Path prefix = Path.of("target", "sarif-multitool").toAbsolutePath();
        Path tool = prefix.resolve("node_modules/@microsoft/sarif-multitool-" + flavour)
                .resolve(exe);
        if (!Files.isRegularFile(tool)) {
            Files.createDirectories(prefix);
            String npm = flavour.equals("win32") ? "npm.cmd" : "npm";
            Run install;
            try {
                install = exec(
                        List.of(
                                npm,
                                "install",
                                "--no-audit",
                                "--no-fund",
                                "--no-save",
                                "--prefix",
                                prefix.toString(),
                                "@microsoft/sarif-multitool-" + flavour + "@" + VERSION),
                        prefix);
            } catch (IOException e) {
                fail("this test needs npm (Node.js) to install the SARIF multitool into " + prefix
                        + "; install Node.js, or run: npm install --prefix " + prefix + " @microsoft/sarif-multitool-"
                        + flavour + "@" + VERSION + " (" + e.getMessage() + ")");
                throw e;
            }
            if (install.exit != 0 || !Files.isRegularFile(tool)) {
                fail("npm could not install @microsoft/sarif-multitool-" + flavour + "@" + VERSION + " (exit "
                        + install.exit + "):\n" + install.output);
            }
        }
        if (!Files.isExecutable(tool) && !tool.toFile().setExecutable(true)) {
            fail("cannot make " + tool + " executable");
        }
        return tool;
    }

    record Run(int exit, String output) {}

    private static Run exec(List<String> command, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        // the self-contained .NET tool needs no ICU this way
        pb.environment().put("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("timed out: " + String.join(" ", command));
        }
        return new Run(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
