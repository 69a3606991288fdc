package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.ReleaseEvidence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The input limits, each with the exact diagnostics it gives (files made in a fresh folder). */
class InputLimitsTest {
    static final Path EXAMPLE = TestPaths.fixtures().resolve("worked-example");

    @TempDir
    Path tmp;

    /** Reads with {@code limits}; the diagnostics, with {@link #tmp} taken off the file names. */
    String rejected(Path evidence, Path readback, Path exceptions, InputLimits limits) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> Inputs.read(evidence, readback, exceptions, limits));
        return e.diagnostics().stream()
                .map(d -> InvalidInputsTest.relative(tmp, d))
                .collect(Collectors.joining("\n"));
    }

    Path copy(String name) throws IOException {
        return Files.copy(EXAMPLE.resolve(name), tmp.resolve(name));
    }

    Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    @Test
    void anInputLargerThanThePerInputLimitIsRefusedBeforeParsing() throws IOException {
        Path e = write("evidence.json", "{" + " ".repeat(2000) + "}");
        assertEquals(
                "evidence.json: input-too-large: is 2.0 KiB, larger than the limit of 1 KiB for one input"
                        + " (--max-input-size); it was not parsed",
                rejected(
                        e,
                        copy("readback.json"),
                        null,
                        InputLimits.builder().maxInputBytes(1024).build()));
    }

    @Test
    void theInputsOfOneEvaluationShareOneBudget() throws IOException {
        long evidence = Files.size(EXAMPLE.resolve("evidence.json"));
        InputLimits limits = InputLimits.builder()
                .maxInputBytes(evidence + 10)
                .maxTotalBytes(evidence + 10)
                .build();
        assertEquals(
                "readback.json: input-too-large: would take the inputs of this evaluation past the limit of "
                        + dev.gatehouse.internal.load.Sizes.format(evidence + 10)
                        + " in all (--max-total-input-size); it was not parsed",
                rejected(copy("evidence.json"), copy("readback.json"), null, limits));
    }

    @Test
    void anExceptionsFolderWithMoreEntriesThanTheLimitIsRefusedBeforeAnyIsRead() throws IOException {
        for (String n : List.of("a.yaml", "b.yaml", "c.yaml")) {
            write("exceptions/" + n, "not: [read");
        }
        assertEquals(
                "exceptions: input-too-large: holds more than 2 entries, the limit of exception files for one"
                        + " evaluation (--max-exception-files); none was read",
                rejected(
                        copy("evidence.json"),
                        copy("readback.json"),
                        tmp.resolve("exceptions"),
                        InputLimits.builder().maxExceptionFiles(2).build()));
    }

    @Test
    void aNamedPipeInTheExceptionsFolderIsNeverOpened() throws Exception {
        Files.createDirectories(tmp.resolve("exceptions"));
        Process mk = new ProcessBuilder(
                        "mkfifo", tmp.resolve("exceptions/EXC-1.yaml").toString())
                .start();
        assertEquals(0, mk.waitFor());
        assertEquals(
                "exceptions/EXC-1.yaml: unreadable-file: is a named pipe (FIFO), not a regular file; it is not opened",
                rejected(copy("evidence.json"), copy("readback.json"), tmp.resolve("exceptions"), InputLimits.DEFAULT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nesting 65 deep | 65 | [ | ] | evidence.json:1:65: input-too-large: nests objects and lists deeper than the limit of 64 levels
            a 101-digit number | 1 | '' | 1 | evidence.json:1:2: input-too-large: holds a number longer than the limit of 100 characters
            """)
    void theParsersKeepTheirOwnLimits(String what, int times, String open, String close, String expected)
            throws IOException {
        String body =
                what.startsWith("nesting") ? open.repeat(times) + close.repeat(times) : "[" + "1".repeat(101) + "]";
        Path e = write("evidence.json", body);
        assertEquals(expected, rejected(e, copy("readback.json"), null, InputLimits.DEFAULT));
    }

    @Test
    void bytesGivenInMemoryAreHeldToTheSameLimit() {
        byte[] big = ("{\"a\": \"" + "x".repeat(InputLimits.DEFAULT_MAX_INPUT_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> dev.gatehouse.internal.InputReading.parse(
                        big, "evidence", ReleaseEvidence.KIND, ReleaseEvidence.class, false));
        assertEquals(
                List.of(
                        "evidence: input-too-large: is 4.0 MiB, larger than the limit of 4 MiB for one input (--max-input-size)"),
                e.diagnostics().stream().map(Diagnostic::format).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"8MiB, 8388608", "512KiB, 524288", "1GiB, 1073741824", "1048576, 1048576", "100B, 100"})
    void sizesAreReadInBinaryUnits(String text, long bytes) {
        assertEquals(bytes, InputLimits.parseSize(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"8MB", "8 mib", "1.5MiB", "-1", "''", "8TiB"})
    void anythingElseIsNotASize(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputLimits.parseSize(text));
        assertEquals("'" + text + "' is not a size such as 8MiB, 512KiB, 1GiB or 1048576 (bytes)", e.getMessage());
    }

    @Test
    void theDefaultsAreDocumented() {
        assertEquals(new InputLimits(4 << 20, 16 << 20, 500), InputLimits.DEFAULT);
        assertEquals(
                32L << 20, InputLimits.builder().maxInputBytes(8 << 20).build().maxTotalBytes());
        assertThrows(IllegalArgumentException.class, () -> InputLimits.builder().maxInputBytes(2L << 30));
        assertThrows(
                IllegalArgumentException.class,
                () -> InputLimits.builder()
                        .maxInputBytes(8 << 20)
                        .maxTotalBytes(1 << 20)
                        .build());
    }
}
