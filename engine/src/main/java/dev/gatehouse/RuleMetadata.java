package dev.gatehouse;

import java.util.Comparator;

/**
 * What a rule of the rulebase declares about itself, read only: its name, the control it
 * implements ({@code @control}, null for a supporting rule), its family ({@code @family}, null for
 * a control rule) and its {@code @description}: what the control needs, in plain words.
 */
public record RuleMetadata(String name, String control, String family, String description) {
    /** Sorted by rule name. */
    public static final Comparator<RuleMetadata> ORDER = Comparator.comparing(RuleMetadata::name);

    /** The control, or failing that the family, the rule belongs to. */
    public String owner() {
        return control != null ? control : family;
    }
}
