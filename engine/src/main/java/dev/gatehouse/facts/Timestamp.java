package dev.gatehouse.facts;

import java.time.Instant;
import java.util.Objects;

/**
 * One instant of the evidence or the readback, wherever it is: {@link FactBuilder} inserts one
 * for every instant field that is set (a null instant gives none), so a rule about times in
 * general (no time from the future) decides which fields count, and a new instant field of the
 * contract is covered without a change here.
 *
 * @param document the document it is in: {@code evidence} or {@code readback}
 * @param pointer its JSON Pointer in that document, such as {@code /approvals/1/at}
 */
public record Timestamp(String document, String pointer, Instant at) implements Traceable {
    public Timestamp {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String ref() {
        return pointer;
    }
}
