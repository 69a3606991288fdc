package dev.gatehouse.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A parsed input document: the name the user knows it by, its JSON tree, and where each pointer is in the file. */
public record Document(String file, JsonNode tree, Locations locations) {
    public Document {
        Objects.requireNonNull(locations, "locations");
    }

    /** A document that comes from no file (built or edited in memory): every pointer is at 1:1. */
    public Document(String file, JsonNode tree) {
        this(file, tree, Locations.NONE);
    }
}
