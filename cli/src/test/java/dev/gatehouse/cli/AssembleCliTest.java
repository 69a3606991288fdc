package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code gatehouse assemble} and {@code evaluate --manifest}: exit codes and exact stderr. */
class AssembleCliTest {
    static final Path SAMPLES = CliRun.ROOT.resolve("assemble/src/test/resources/samples");
    static final Path CASES = CliRun.ROOT.resolve("assemble/src/test/resources/cases");

    @TempDir
    Path tmp;

    private String[] assemble(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "assemble",
                "--evidence-out",
                tmp.resolve("e.json").toString(),
                "--readback-out",
                tmp.resolve("r.json").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void whenEveryArtifactIsReadThenBothDocumentsAreWrittenAndExitIs0() throws Exception {
        CliRun r = CliRun.of(assemble(
                "--manifest",
                CASES.resolve("manifest.yaml").toString(),
                "--trivy",
                SAMPLES.resolve("trivy_alpine-310.json").toString()));
        assertEquals(new CliRun(0, "", ""), r);
        assertEquals(
                Files.readString(CASES.resolve("trivy-alpine/evidence.json"))
                        .replace("src/test/resources/samples/", SAMPLES + "/"),
                Files.readString(tmp.resolve("e.json")));
        assertEquals(
                Files.readString(CASES.resolve("trivy-alpine/readback.json")), Files.readString(tmp.resolve("r.json")));
    }

    @Test
    void whenExplainIsGivenThenEachImportedValueIsPrintedWithItsPlace() {
        CliRun r = CliRun.of(assemble(
                "--manifest",
                CASES.resolve("manifest-argocd.yaml").toString(),
                "--argocd",
                CASES.resolve("argocd-out-of-sync/app.yaml").toString(),
                "--explain"));
        String app = CASES.resolve("argocd-out-of-sync/app.yaml").toString();
        assertEquals(
                new CliRun(
                        0,
                        "readback /profile/manualSteps <- " + app + ": /status/sync/status (line 6)\n"
                                + "readback /profile/renderedFromCommit <- " + app
                                + ": /status/sync/revision (line 7)\n",
                        ""),
                r);
    }

    static Stream<Arguments> badUsage() {
        String manifest = CASES.resolve("manifest.yaml").toString();
        String trivy = SAMPLES.resolve("trivy_alpine-310.json").toString();
        return Stream.of(
                Arguments.of(
                        List.of("--trivy", trivy),
                        "gatehouse: --manifest is required: it holds what no artifact knows (service, promotion, ...)\n"),
                Arguments.of(
                        List.of("--manifest", manifest, "--reviews", trivy),
                        "gatehouse: --reviews needs --roles (login: role) to become approvals\n"),
                Arguments.of(
                        List.of("--manifest", manifest, "--roles", trivy),
                        "gatehouse: --roles was given without --reviews to read it for\n"),
                Arguments.of(
                        List.of("--manifest", manifest, "--vsa", "uat"),
                        "gatehouse: --vsa must be KIND=FILE or KIND@ENVIRONMENT=FILE (e.g. uat@demo=vsa.json), not uat\n"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void whenTheFlagsDoNotFitThenExitIs2WithTheReason(List<String> flags, String stderr) {
        assertEquals(new CliRun(2, "", stderr), CliRun.of(assemble(flags.toArray(String[]::new))));
    }

    @Test
    void whenAnOutputIsAnInputThenNothingIsReadAndExitIs2() throws Exception {
        Path manifest = tmp.resolve("release.yaml");
        Files.copy(CASES.resolve("manifest.yaml"), manifest);
        CliRun r = CliRun.of(
                "assemble",
                "--manifest",
                manifest.toString(),
                "--evidence-out",
                manifest.toString(),
                "--readback-out",
                tmp.resolve("r.json").toString());
        assertEquals(
                new CliRun(
                        2,
                        "",
                        "gatehouse: --evidence-out " + manifest + " is the manifest " + manifest
                                + ": refusing to overwrite an input\n"),
                r);
    }

    @Test
    void whenAnArtifactIsHostileThenExitIs2WithTheFileAndLineAndNothingIsWritten() {
        Path xxe = CASES.resolve("junit-xxe-refused/xxe.xml");
        CliRun r =
                CliRun.of(assemble("--manifest", CASES.resolve("manifest.yaml").toString(), "--junit", xxe.toString()));
        assertEquals(
                new CliRun(
                        2,
                        "",
                        xxe + ":2:64: unsupported-artifact: has a document type declaration (<!DOCTYPE>); "
                                + "JUnit XML needs none, and DTDs and entities are refused\n"
                                + "gatehouse: the input is invalid (1 problem); no decision was made\n"),
                r);
        assertFalse(Files.exists(tmp.resolve("e.json")));
        assertFalse(Files.exists(tmp.resolve("r.json")));
    }

    @Test
    void whenEvaluateGetsBothAManifestAndDocumentsThenExitIs2() {
        CliRun r = CliRun.of(
                "evaluate",
                "--manifest",
                CASES.resolve("manifest.yaml").toString(),
                "--evidence",
                "e.json",
                "--readback",
                "r.json");
        assertEquals(
                new CliRun(
                        2,
                        "",
                        "gatehouse: give --evidence and --readback, or --manifest and artifact flags to "
                                + "assemble them, not both\n"),
                r);
    }

    @Test
    void whenEvaluateGetsArtifactsWithoutAManifestThenExitIs2() {
        CliRun r = CliRun.of(
                "evaluate", "--trivy", SAMPLES.resolve("trivy_alpine-310.json").toString());
        assertEquals(
                new CliRun(
                        2,
                        "",
                        "gatehouse: --manifest is required: it holds what no artifact knows (service, "
                                + "promotion, ...)\n"),
                r);
    }

    @Test
    void whenEvaluateAssemblesThenTheDecisionEqualsEvaluatingTheWrittenDocuments() throws Exception {
        String[] flags = {
            "--manifest",
            CASES.resolve("manifest-argocd.yaml").toString(),
            "--argocd",
            CASES.resolve("argocd-out-of-sync/app.yaml").toString(),
            "--trivy",
            SAMPLES.resolve("trivy_alpine-310.json").toString()
        };
        assertEquals(0, CliRun.of(assemble(flags)).exit());
        List<String> direct = new ArrayList<>(List.of("evaluate", "--at", "2026-11-28T12:00:00Z"));
        direct.addAll(List.of(flags));
        CliRun assembled = CliRun.of(direct.toArray(String[]::new));
        CliRun written = CliRun.of(
                "evaluate",
                "--evidence",
                tmp.resolve("e.json").toString(),
                "--readback",
                tmp.resolve("r.json").toString(),
                "--at",
                "2026-11-28T12:00:00Z");
        assertEquals(1, assembled.exit(), assembled.err());
        assertEquals(written, assembled);
    }
}
