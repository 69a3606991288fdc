package dev.gatehouse.internal.evaluate;

import java.util.List;

/**
 * What one session concluded: every fact in working memory after firing, the firings, and for each
 * fact a rule inserted, which rule and firing did ({@link Insertion}).
 */
public record Evaluation(List<Object> facts, List<Firing> firings, List<Insertion> insertions) {
    public Evaluation {
        facts = List.copyOf(facts);
        firings = List.copyOf(firings);
        insertions = List.copyOf(insertions);
    }

    public Evaluation(List<Object> facts, List<Firing> firings) {
        this(facts, firings, List.of());
    }

    /** The facts of one type, in working-memory order. */
    public <T> List<T> all(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The insertion of this very fact (compared by identity), or null when the engine inserted it. */
    public Insertion insertionOf(Object fact) {
        for (Insertion i : insertions) {
            if (i.fact() == fact) {
                return i;
            }
        }
        return null;
    }

    /** The facts the firing of an insertion matched, in pattern order (empty when unknown). */
    public List<Object> matched(Insertion insertion) {
        return insertion != null && insertion.firing() >= 0 && insertion.firing() < firings.size()
                ? firings.get(insertion.firing()).matched()
                : List.of();
    }
}
