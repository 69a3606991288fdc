package dev.gatehouse.assemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/schemas/AssembleManifest.schema.json is the schema generated from the contract's schemas (no drift). */
class ManifestSchemaTest {
    static final Path PUBLISHED =
            Path.of(System.getProperty("gatehouse.root", "..")).resolve("docs/schemas/AssembleManifest.schema.json");

    @Test
    void publishedManifestSchemaEqualsGeneratedSchema() throws Exception {
        AssembleCasesTest.Goldens.assertMatches(PUBLISHED, Assembler.manifestSchema());
    }

    @Test
    void theManifestRequiresNothingAndLeavesOutWhatAssembleWrites() throws Exception {
        JsonNode s = new ObjectMapper().readTree(Assembler.manifestSchema());
        assertEquals(
                "[\"evidence\",\"readback\"]",
                new ObjectMapper()
                        .writeValueAsString(s.path("properties").properties().stream()
                                .map(java.util.Map.Entry::getKey)
                                .toList()));
        for (String part : new String[] {"evidence", "readback"}) {
            JsonNode p = s.path("properties").path(part);
            assertFalse(p.path("properties").has("apiVersion"), part);
            assertFalse(p.path("properties").has("kind"), part);
            assertFalse(p.path("properties").has("sources"), part);
        }
        assertFalse(Assembler.manifestSchema().contains("\"required\""));
        assertTrue(s.path("properties").path("evidence").path("properties").has("release"));
    }
}
