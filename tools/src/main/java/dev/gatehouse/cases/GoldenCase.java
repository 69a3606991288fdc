package dev.gatehouse.cases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One golden case: its folder, name, description, evaluation time, expectation, and where its
 * evidence and readback come from: the folder's own {@code evidence.json} and {@code readback.json}
 * (full-file form), or a base under {@code bases/} with the patches of {@code case.yaml} applied
 * (patch form). Exceptions are always the folder's own {@code exceptions/}.
 */
public record GoldenCase(
        String name, Path dir, String description, Instant at, Expectation expect, Documents documents) {

    /** A case in full-file form: {@code dir/evidence.json} and {@code dir/readback.json}. */
    public GoldenCase(String name, Path dir, String description, Instant at, Expectation expect) {
        this(name, dir, description, at, expect, null);
    }

    public GoldenCase {
        if (documents == null) {
            documents = new Documents(null, null, null, null);
        }
    }

    /**
     * The evidence and readback of a case in patch form: the base folder, and each document with
     * the case's patch applied (JSON text: what is validated) and its label in diagnostics.
     * All null for a case in full-file form.
     */
    public record Documents(Path base, String evidence, String readback, String label) {
        boolean patched() {
            return base != null;
        }
    }

    /** The folder of the base this case patches, or null for a case in full-file form. */
    public Path base() {
        return documents.base();
    }

    /**
     * Reads and validates the case's input, as {@code gatehouse evaluate} would read its files.
     * Throws {@link InvalidInputException} with every problem when it is not a valid input.
     */
    public EvaluationInput input() {
        if (documents.patched()) {
            return Inputs.fromJson(
                    documents.evidence().getBytes(StandardCharsets.UTF_8),
                    documents.label() + " evidence",
                    documents.readback().getBytes(StandardCharsets.UTF_8),
                    documents.label() + " readback",
                    exceptions());
        }
        return Inputs.read(dir.resolve("evidence.json"), dir.resolve("readback.json"), exceptions());
    }

    /** The evidence as a JSON tree (after the patch, for a case in patch form), not validated. */
    public JsonNode evidenceTree() {
        return documents.patched() ? tree(documents.evidence()) : tree(bytes(dir.resolve("evidence.json")));
    }

    /** The readback as a JSON tree (after the patch, for a case in patch form), not validated. */
    public JsonNode readbackTree() {
        return documents.patched() ? tree(documents.readback()) : tree(bytes(dir.resolve("readback.json")));
    }

    /** The exceptions folder, or null when the case has none. */
    public Path exceptions() {
        Path x = dir.resolve("exceptions");
        return Files.isDirectory(x) ? x : null;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        return tree(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode tree(byte[] json) {
        try {
            return CaseLoader.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
