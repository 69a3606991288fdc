package dev.gatehouse.internal.rulebase;

/**
 * What a rule declares about itself in its metadata: {@code @control("ID")} for a rule that
 * implements a control of the enforcement table, or {@code @family("NAME")} for a rule that
 * supports the decision (exception lifecycle, waivers, rings); and {@code @description("...")}.
 */
public record RuleInfo(String name, String packageName, String control, String family, String description) {}
