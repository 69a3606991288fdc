package dev.gatehouse.evaluate;

import java.util.List;

/** What one session concluded: every fact in working memory after firing, and the firings. */
public record Evaluation(List<Object> facts, List<Firing> firings) {
    public Evaluation {
        facts = List.copyOf(facts);
        firings = List.copyOf(firings);
    }

    /** The facts of one type, in working-memory order. */
    public <T> List<T> all(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
