package dev.gatehouse.internal.evaluate;

import java.util.List;

/** One rule firing: the rule's name and the facts it matched, in pattern order. */
public record Firing(String rule, List<Object> matched) {
    public Firing {
        matched = List.copyOf(matched);
    }
}
