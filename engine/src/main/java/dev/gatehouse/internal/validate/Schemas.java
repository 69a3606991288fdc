package dev.gatehouse.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import dev.gatehouse.model.CanonicalIdentity;
import dev.gatehouse.model.EnvironmentReadback;
import dev.gatehouse.model.Formats;
import dev.gatehouse.model.Identities;
import dev.gatehouse.model.ReleaseEvidence;
import dev.gatehouse.model.RiskException;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON Schemas (draft 2020-12) of the three input kinds, generated from the contract types
 * and their Bean Validation constraints, so that the published schema and the validation are
 * one source.
 */
public final class Schemas {
    private static final Map<String, Class<?>> KINDS = kindsInContractOrder();

    private static Map<String, Class<?>> kindsInContractOrder() {
        Map<String, Class<?>> kinds = new LinkedHashMap<>();
        kinds.put(ReleaseEvidence.KIND, ReleaseEvidence.class);
        kinds.put(EnvironmentReadback.KIND, EnvironmentReadback.class);
        kinds.put(RiskException.KIND, RiskException.class);
        return java.util.Collections.unmodifiableMap(kinds);
    }

    private Schemas() {}

    /** The input kinds, in contract order. */
    public static Map<String, Class<?>> kinds() {
        return KINDS;
    }

    /** Where the published schemas (docs/schemas/) are bundled on the class path. */
    public static final String BUNDLED = "gatehouse/schemas/";

    /**
     * The schema of one input kind as published in docs/schemas/ and bundled with the engine, or
     * generated when it is not bundled (reading it is much faster than generating it). Validation
     * does not run it: a test holds the validation and the published schemas to the same verdicts,
     * and another keeps the published schemas equal to the generated ones.
     */
    public static JsonNode load(String kind) {
        if (!KINDS.containsKey(kind)) {
            throw new IllegalArgumentException("unknown input kind " + kind + "; known: " + KINDS.keySet());
        }
        try (java.io.InputStream in =
                Schemas.class.getClassLoader().getResourceAsStream(BUNDLED + kind + ".schema.json")) {
            if (in == null) {
                return generate(kind);
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the bundled schema of " + kind, e);
        }
    }

    /** Generates the schema of one input kind. */
    public static ObjectNode generate(String kind) {
        Class<?> type = KINDS.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("unknown input kind " + kind + "; known: " + KINDS.keySet());
        }
        ObjectNode schema = generator().generateSchema(type);
        ObjectNode out = schema.objectNode();
        out.put("$schema", schema.path("$schema").asText());
        out.put("$id", "https://gatehouse.dev/schemas/v1/" + kind + ".schema.json");
        out.put("title", kind);
        out.put("description", "Gatehouse " + kind + " (apiVersion gatehouse/v1), generated from the contract types.");
        schema.properties().forEach(e -> {
            if (!e.getKey().equals("$schema")) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** True when the field (or, for a list's item, the item) is a person's identity. */
    private static boolean identity(FieldScope field) {
        return field.isFakeContainerItemScope()
                ? field.getContainerItemAnnotationConsideringFieldAndGetterIfSupported(CanonicalIdentity.class) != null
                : field.getAnnotationConsideringFieldAndGetterIfSupported(CanonicalIdentity.class) != null;
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder b = new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.NULLABLE_FIELDS_BY_DEFAULT)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
                .with(Option.PLAIN_DEFINITION_KEYS)
                .with(new JacksonModule(
                        JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE, JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                .with(new JakartaValidationModule(
                        JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                        JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS));
        b.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> {
            if (javaType.getErasedType() != Instant.class) {
                return null;
            }
            ObjectNode def = context.getGeneratorConfig().createObjectNode();
            def.put("type", "string");
            def.put("format", "date-time");
            def.put("pattern", Formats.INSTANT);
            return new CustomDefinition(
                    def, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
        });
        b.forFields().withStringPatternResolver(field -> {
            if (identity(field)) {
                return Formats.IDENTITY;
            }
            NotBlank nb = field.getAnnotationConsideringFieldAndGetterIfSupported(NotBlank.class);
            if (nb == null && field.isFakeContainerItemScope()) {
                nb = field.getContainerItemAnnotationConsideringFieldAndGetterIfSupported(NotBlank.class);
            }
            return nb == null ? null : Formats.NOT_BLANK;
        });
        b.forFields().withDescriptionResolver(field -> identity(field) ? Identities.DESCRIPTION : null);
        return new SchemaGenerator(b.build());
    }
}
