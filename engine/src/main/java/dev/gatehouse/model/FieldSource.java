package dev.gatehouse.model;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Where an imported value came from ({@code gatehouse assemble}): the field of this document it
 * fills, the artifact file it was read from, and its place there (a JSON Pointer for JSON and YAML
 * artifacts, a line for XML; the line of a JSON Pointer too when known).
 *
 * @param field JSON Pointer of the field in this document (a list item, or a single value)
 * @param file the artifact file as it was named to {@code assemble}
 * @param pointer JSON Pointer into the artifact, or null for XML
 * @param line 1-based line in the artifact, or null when not known
 */
public record FieldSource(
        @NotNull @Pattern(regexp = FieldSource.POINTER, message = "must be a JSON Pointer")
        String field,

        @NotBlank String file,

        @Pattern(regexp = FieldSource.POINTER, message = "must be a JSON Pointer")
        String pointer,

        @Min(1) Integer line) {
    /** An RFC 6901 JSON Pointer: empty, or segments each starting with a slash. */
    public static final String POINTER = "^(/[^/]*)*$";
}
