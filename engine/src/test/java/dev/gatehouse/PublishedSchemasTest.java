package dev.gatehouse;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** docs/schemas/ holds exactly the schemas generated from the contract types (no drift). */
class PublishedSchemasTest {
    @TestFactory
    Stream<DynamicTest> publishedSchemaEqualsGeneratedSchema() {
        return List.of("ReleaseEvidence", "EnvironmentReadback", "RiskException").stream()
                .map(kind -> DynamicTest.dynamicTest(
                        kind,
                        () -> Goldens.assertMatches(
                                TestPaths.root().resolve("docs/schemas/" + kind + ".schema.json"),
                                Inputs.schema(kind))));
    }

    /** The engine bundles a copy of docs/schemas/ (Schemas.load): it must be the generated schema (same JSON text). */
    @TestFactory
    Stream<DynamicTest> bundledSchemaEqualsGeneratedSchema() {
        return List.of("ReleaseEvidence", "EnvironmentReadback", "RiskException").stream()
                .map(kind -> DynamicTest.dynamicTest(
                        kind,
                        () -> org.junit.jupiter.api.Assertions.assertEquals(
                                Inputs.schema(kind),
                                dev.gatehouse.internal.json.Json.pretty(
                                        dev.gatehouse.internal.validate.Schemas.load(kind)))));
    }
}
