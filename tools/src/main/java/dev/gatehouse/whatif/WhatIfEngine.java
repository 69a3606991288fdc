package dev.gatehouse.whatif;

import static dev.gatehouse.model.DiagnosticCode.BAD_CHANGE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.patch.JsonPatch;
import dev.gatehouse.patch.PatchException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates a base and a changed variant with one engine (the base's rulebase) and reports both
 * decisions and their difference. The variant's documents are validated exactly like real inputs,
 * labelled {@code <file> (variant)}: a change that breaks the contract throws
 * {@link InvalidInputException} naming the pointer, never a decision. Immutable and thread-safe.
 *
 * <pre>{@code
 * WhatIfResult r = WhatIfEngine.of(engine).whatIf(Scenario.read(evidence, readback, exceptions, at),
 *         Changes.builder().set("/approvals/-={\"role\":\"security\",\"by\":\"x\",\"at\":\"2026-11-27T10:00:00Z\"}").build());
 * r.diff().eligibilityChanged();
 * }</pre>
 */
public final class WhatIfEngine {
    /** Appended to a document's label once it has been changed. */
    public static final String VARIANT = " (variant)";

    private final PolicyEngine engine;

    private WhatIfEngine(PolicyEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** A what-if engine evaluating bases with {@code engine}. */
    public static WhatIfEngine of(PolicyEngine engine) {
        return new WhatIfEngine(engine);
    }

    /** The engine bases are evaluated with. */
    public PolicyEngine engine() {
        return engine;
    }

    /** Evaluates the base, then the variant, and compares them. */
    public WhatIfResult whatIf(Scenario base, Changes changes) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(changes, "changes");
        EvaluationInput baseInput = dev.gatehouse.internal.InputReading.fromTrees(
                base.evidence(), base.evidenceLabel(), base.readback(), base.readbackLabel(), base.exceptions());
        EvaluationInput variantInput = variantInput(base, changes);
        Instant variantAt = changes.at() != null
                ? changes.at()
                : changes.atOffset() != null ? base.at().plus(changes.atOffset()) : base.at();
        PolicyEngine variantEngine = changes.rules() != null ? changes.rules() : engine;
        PromotionDecision a = engine.evaluate(baseInput, base.at());
        PromotionDecision b = variantEngine.evaluate(variantInput, variantAt);
        return new WhatIfResult(describe(changes, variantAt), a, b, DecisionDiff.between(a, b));
    }

    /** The variant's input: the base's documents with the edits applied, then validated. */
    public EvaluationInput variantInput(Scenario base, Changes changes) {
        JsonNode evidence = base.evidence();
        JsonNode readback = base.readback();
        boolean evidenceChanged = false;
        boolean readbackChanged = false;
        for (Edit edit : changes.edits()) {
            String label = (edit.target() == Target.EVIDENCE ? base.evidenceLabel() : base.readbackLabel()) + VARIANT;
            JsonNode doc = edit.target() == Target.EVIDENCE ? evidence : readback;
            JsonNode changed = apply(doc, edit, label);
            if (edit.target() == Target.EVIDENCE) {
                evidence = changed;
                evidenceChanged = true;
            } else {
                readback = changed;
                readbackChanged = true;
            }
        }
        Path exceptions = changes.exceptions() != null ? changes.exceptions() : base.exceptions();
        return dev.gatehouse.internal.InputReading.fromTrees(
                evidence,
                base.evidenceLabel() + (evidenceChanged ? VARIANT : ""),
                readback,
                base.readbackLabel() + (readbackChanged ? VARIANT : ""),
                exceptions);
    }

    private static JsonNode apply(JsonNode doc, Edit edit, String label) {
        try {
            if (edit instanceof Edit.Set s) {
                boolean exists = !s.pointer().isEmpty()
                        && !doc.at(JsonPatch.pointer(s.pointer())).isMissingNode();
                return exists
                        ? JsonPatch.replace(doc, s.pointer(), s.value().deepCopy())
                        : JsonPatch.add(doc, s.pointer(), s.value().deepCopy());
            }
            if (edit instanceof Edit.Unset u) {
                JsonPatch.remove(doc, u.pointer());
                return doc;
            }
            Edit.Patch p = (Edit.Patch) edit;
            JsonNode out = doc;
            for (int i = 0; i < p.operations().size(); i++) {
                try {
                    out = JsonPatch.apply(out, p.operations().get(i), "/" + i);
                } catch (PatchException e) {
                    throw new InvalidInputException(List.of(Diagnostic.input(
                            BAD_CHANGE,
                            p.label(),
                            "/" + i,
                            describe(p.operations().get(i))
                                    + (e.pointer().startsWith("/" + i) ? "" : ": " + e.pointer()) + ": "
                                    + e.getMessage() + " (in " + label + ")")));
                }
            }
            return out;
        } catch (PatchException e) {
            return fail(label, e);
        }
    }

    private static JsonNode fail(String label, PatchException e) {
        throw new InvalidInputException(List.of(Diagnostic.input(BAD_CHANGE, label, e.pointer(), e.getMessage())));
    }

    private static String describe(JsonNode op) {
        return op.isObject() && op.path("op").isTextual() ? op.get("op").asText() : "operation";
    }

    /** The changes in their text form, one line each, in the order they apply. */
    static List<String> describe(Changes changes, Instant variantAt) {
        List<String> out = new ArrayList<>();
        for (Edit e : changes.edits()) {
            String t = e.target().prefix() + ":";
            if (e instanceof Edit.Set s) {
                out.add("set " + t + (s.pointer().isEmpty() ? "" : s.pointer()) + " = " + s.value());
            } else if (e instanceof Edit.Unset u) {
                out.add("unset " + t + u.pointer());
            } else {
                Edit.Patch p = (Edit.Patch) e;
                out.add("patch " + t + " " + p.label() + " (" + p.operations().size() + " operation"
                        + (p.operations().size() == 1 ? "" : "s") + ")");
            }
        }
        if (changes.exceptions() != null) {
            out.add("exceptions from " + changes.exceptions());
        }
        if (changes.at() != null || changes.atOffset() != null) {
            out.add("evaluated at " + variantAt
                    + (changes.atOffset() != null ? " (base time " + sign(changes.atOffset()) + ")" : ""));
        }
        if (changes.rules() != null) {
            out.add("rulebase " + changes.rules().rulebaseDigest());
        }
        return out;
    }

    private static String sign(java.time.Duration d) {
        return (d.isNegative() ? "- " + d.negated() : "+ " + d)
                .replace("PT", "")
                .toLowerCase(java.util.Locale.ROOT);
    }
}
