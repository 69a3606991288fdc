package dev.gatehouse.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.InputLimits;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.model.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every resource an artifact can make assemble spend is bounded, and the builder fails fast on bad settings. */
class AssemblerLimitsTest {
    static final Path MANIFEST = Path.of("src/test/resources/cases/manifest.yaml");
    static final String IMAGE = "sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4";

    @TempDir
    Path tmp;

    private static List<String> problems(Assembler a) {
        return assertThrows(InvalidInputException.class, a::assemble).diagnostics().stream()
                .map(Diagnostic::format)
                .toList();
    }

    private Path trivy(int findings) throws Exception {
        StringBuilder b =
                new StringBuilder("{\"SchemaVersion\": 2, \"CreatedAt\": \"2026-11-27T10:00:00Z\", \"Metadata\": "
                        + "{\"ImageID\": \"" + IMAGE + "\"}, \"Results\": [{\"Vulnerabilities\": [");
        for (int i = 0; i < findings; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"VulnerabilityID\": \"CVE-2026-")
                    .append(i)
                    .append("\", \"Severity\": \"LOW\"}");
        }
        Path p = tmp.resolve("trivy.json");
        Files.writeString(p, b.append("]}]}\n"));
        return p;
    }

    @Test
    void whenAnArtifactWouldMakeMoreFindingsThanTheCapThenItIsRefused() throws Exception {
        Path p = trivy(Draft.MAX_ITEMS + 1);
        assertEquals(
                List.of(p + ": /Results/0/Vulnerabilities/0: would make 10001 findings, more than the 10000 an "
                        + "assembled list may hold"),
                problems(Assembler.builder().manifest(MANIFEST).trivy(p).build()));
    }

    @Test
    void whenAnArtifactHoldsExactlyTheCapThenItIsRead() throws Exception {
        Path p = trivy(Draft.MAX_ITEMS);
        Assembly a = Assembler.builder().manifest(MANIFEST).trivy(p).build().assemble();
        assertEquals(Draft.MAX_ITEMS, a.evidence().at("/security/findings").size());
    }

    @Test
    void whenAnArtifactIsLargerThanTheInputLimitThenItIsNotParsed() throws Exception {
        Path p = trivy(100);
        long size = Files.size(p);
        assertEquals(
                List.of(p + ": input-too-large: is " + dev.gatehouse.internal.load.Sizes.format(size)
                        + ", larger than the limit of " + dev.gatehouse.internal.load.Sizes.format(4096)
                        + " for one input (--max-input-size); it was not parsed"),
                problems(Assembler.builder()
                        .manifest(MANIFEST)
                        .trivy(p)
                        .limits(InputLimits.builder()
                                .maxInputBytes(4096)
                                .maxTotalBytes(1 << 20)
                                .build())
                        .build()));
    }

    @Test
    void whenAllArtifactsTogetherPassTheTotalLimitThenTheOneThatWouldPassItIsNotParsed() throws Exception {
        Path p = trivy(10);
        long manifest = Files.size(MANIFEST);
        InputLimits limits = InputLimits.builder()
                .maxInputBytes(Math.max(manifest, Files.size(p)))
                .maxTotalBytes(manifest + Files.size(p) - 1)
                .build();
        assertEquals(
                List.of(p + ": input-too-large: would take the inputs past the limit of "
                        + dev.gatehouse.internal.load.Sizes.format(limits.maxTotalBytes())
                        + " in all (--max-total-input-size); it was not parsed"),
                problems(Assembler.builder()
                        .manifest(MANIFEST)
                        .trivy(p)
                        .limits(limits)
                        .build()));
    }

    static Stream<Arguments> badBuilders() {
        Path f = Path.of("x.json");
        return Stream.of(
                Arguments.of(
                        (Consumer<Assembler.Builder>) b -> {},
                        IllegalStateException.class,
                        "a manifest is required: what no artifact knows (service, promotion, ...)"),
                Arguments.of(
                        (Consumer<Assembler.Builder>) b -> b.manifest(f).manifest(f),
                        IllegalStateException.class,
                        "the manifest was already set to x.json"),
                Arguments.of(
                        (Consumer<Assembler.Builder>) b -> b.manifest(f).reviews(f),
                        IllegalStateException.class,
                        "pull-request reviews need a roles file (login: role) to become approvals"),
                Arguments.of(
                        (Consumer<Assembler.Builder>) b -> b.manifest(f).roles(f),
                        IllegalStateException.class,
                        "a roles file was given without pull-request reviews to read it for"),
                Arguments.of(
                        (Consumer<Assembler.Builder>) b -> b.artifact(Assembler.Format.VSA, f),
                        IllegalArgumentException.class,
                        "a VSA needs the kind of verification it is: use vsa(kind, environment, file)"),
                Arguments.of(
                        (Consumer<Assembler.Builder>) b -> b.vsa(" ", null, f),
                        IllegalArgumentException.class,
                        "a VSA needs the kind of verification it is (uat, security-review, staging-soak)"));
    }

    @ParameterizedTest
    @MethodSource("badBuilders")
    void whenTheBuilderIsMisusedThenItSaysHowAtOnce(
            Consumer<Assembler.Builder> use, Class<? extends Exception> type, String message) {
        Exception e = assertThrows(type, () -> {
            Assembler.Builder b = Assembler.builder();
            use.accept(b);
            b.build();
        });
        assertEquals(message, e.getMessage());
    }
}
