package dev.gatehouse.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The JSON documents an input was read from (files, what-if trees, a decision log line), exceptions sorted by
 * their {@code id}: provenance's {@code inputDigest} and the decision log are taken over them, so a digest names
 * the documents as read, not as re-serialised.
 */
public record InputDocuments(JsonNode evidence, JsonNode readback, List<JsonNode> exceptions) {
    public InputDocuments {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(readback, "readback");
        List<JsonNode> sorted = new ArrayList<>(Objects.requireNonNull(exceptions, "exceptions"));
        sorted.sort(Comparator.comparing(x -> x.path("id").asText()));
        exceptions = List.copyOf(sorted);
    }
}
