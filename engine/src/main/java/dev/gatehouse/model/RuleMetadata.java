package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.Objects;

/**
 * What a rule of the rulebase declares about itself: its name, the control it implements
 * ({@code @control}) or the family of supporting rules it belongs to ({@code @family}), and
 * {@code @description}. Control and family may be null.
 */
@JsonPropertyOrder({"name", "control", "family", "description"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleMetadata(String name, String control, String family, String description) {
    /** Sorted by rule name. */
    public static final Comparator<RuleMetadata> ORDER = Comparator.comparing(RuleMetadata::name);

    public RuleMetadata {
        Objects.requireNonNull(name, "name");
    }
}
