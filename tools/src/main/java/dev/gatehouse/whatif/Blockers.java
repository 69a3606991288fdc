package dev.gatehouse.whatif;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.internal.load.InputDocument;
import dev.gatehouse.model.BlockerAdvice;
import java.time.Instant;
import java.util.List;

/**
 * "What would it take?": each blocking violation of a decision, with its evidence pointer, what
 * the rule that raised it needs (its {@code @description}, with the current settings' values),
 * whether an exception could waive it, and what would clear it. The engine records which rule
 * inserted each violation and builds the advice from that rule, the control's level and the
 * exception problems the rules concluded ({@link PolicyEngine#explainBlockers}); no list of
 * controls and no guess from descriptions is kept here.
 */
public final class Blockers {
    private Blockers() {}

    /** The blockers of {@code input} evaluated at {@code at} (empty when eligible), in the decision's order. */
    public static List<Blocker> explain(PolicyEngine engine, EvaluationInput input, Instant at) {
        return engine.explainBlockers(input, at).stream().map(Blockers::blocker).toList();
    }

    private static Blocker blocker(BlockerAdvice a) {
        return new Blocker(
                a.control(),
                a.enforcement(),
                a.subject(),
                a.message(),
                a.evidence(),
                document(a.evidence()),
                a.needs() == null ? List.of() : List.of(a.needs()),
                a.rule() == null ? List.of() : List.of(a.rule()),
                a.waivable(),
                a.remedy());
    }

    /** Which input document a pointer is in (evidence, readback or exception), or null. */
    static String document(String pointer) {
        InputDocument d = InputDocument.of(pointer);
        return d == null ? null : d.wire();
    }
}
