package dev.gatehouse.internal.evaluate;

/**
 * A conclusion and the rule that inserted it: {@code firing} is the index, in the evaluation's
 * firings, of the firing whose consequence inserted {@code fact}.
 */
public record Insertion(String rule, Object fact, int firing) {}
