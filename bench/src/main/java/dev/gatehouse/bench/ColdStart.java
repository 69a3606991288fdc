package dev.gatehouse.bench;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.facts.Persons;
import dev.gatehouse.model.Identities;

/**
 * The cold-start cost of identities in a fresh JVM (docs/performance.md, issue 9), in the order the
 * command pays it: the first canonical-form check (ICU normalization data), the first person key
 * (SpoofChecker and the confusables data), then everything else of a first evaluation of the worked
 * example (the baseline). Prints one line of milliseconds. Run it several times:
 * {@code for i in 1 2 3 4 5 6 7 8 9 10; do java -cp 'bench/target/classes:bench/target/lib/*' dev.gatehouse.bench.ColdStart; done}
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        boolean canonical = Identities.isCanonical("p.ramaswamy");
        long t1 = System.nanoTime();
        String key = Persons.key("p.ramaswamy");
        long t2 = System.nanoTime();
        PolicyEngine engine = PolicyEngine.builder().build();
        EvaluationInput input = BenchInputs.workedExample().parse();
        boolean eligible = engine.evaluate(input, BenchInputs.AT).eligible();
        long t3 = System.nanoTime();
        if (!canonical || key.isEmpty() || !eligible) {
            throw new IllegalStateException("unexpected result");
        }
        System.out.printf(
                "canonical-check %.1f ms, first-person-key %.1f ms, rest-of-first-evaluation %.1f ms%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }
}
