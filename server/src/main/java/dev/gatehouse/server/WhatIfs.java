package dev.gatehouse.server;

import static dev.gatehouse.model.DiagnosticCode.BAD_CHANGE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.EvaluationInput;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.PromotionDecision;
import dev.gatehouse.patch.JsonPatch;
import dev.gatehouse.patch.PatchException;
import dev.gatehouse.whatif.Blocker;
import dev.gatehouse.whatif.Blockers;
import dev.gatehouse.whatif.DecisionDiff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A what-if over HTTP: the base, the variant (the base's documents with the edits applied in order, the same
 * edits as the command's --set, --unset and --patch; other exceptions; another time), both decisions, their
 * difference and "what would it take" for the variant (its blockers). The variant's documents are validated
 * exactly as inputs, labelled {@code evidence (variant)}: an edit that breaks the contract is a 400 naming the
 * pointer, never a decision.
 */
final class WhatIfs {
    static final String VARIANT = " (variant)";

    private WhatIfs() {}

    /** The response, in the order the command's {@code whatif --format json --explain-blockers} writes it. */
    static Map<String, Object> run(PolicyEngine engine, Requests.WhatIf w, Instant now) {
        Instant baseAt = w.at() != null ? w.at() : now;
        Instant variantAt = w.variantAt() != null
                ? w.variantAt()
                : w.variantOffset() != null ? baseAt.plus(w.variantOffset()) : baseAt;
        EvaluationInput base = Requests.input(w.evidence(), w.readback(), w.exceptions());
        JsonNode evidence = w.evidence().deepCopy();
        JsonNode readback = w.readback().deepCopy();
        boolean evidenceChanged = false;
        boolean readbackChanged = false;
        List<String> described = new ArrayList<>();
        for (Requests.Edit e : w.edits()) {
            boolean isEvidence = Requests.EVIDENCE.equals(e.document());
            String label = e.document() + VARIANT;
            JsonNode changed = apply(isEvidence ? evidence : readback, e, label);
            if (isEvidence) {
                evidence = changed;
                evidenceChanged = true;
            } else {
                readback = changed;
                readbackChanged = true;
            }
            described.add(describe(e));
        }
        List<JsonNode> variantExceptions = w.variantExceptions() != null ? w.variantExceptions() : w.exceptions();
        if (w.variantExceptions() != null) {
            described.add(
                    "exceptions from the request (" + w.variantExceptions().size() + ")");
        }
        if (w.variantAt() != null || w.variantOffset() != null) {
            described.add("evaluated at " + variantAt
                    + (w.variantOffset() != null ? " (base time " + sign(w.variantOffset()) + ")" : ""));
        }
        EvaluationInput variant = Requests.input(
                evidence,
                Requests.EVIDENCE + (evidenceChanged ? VARIANT : ""),
                readback,
                Requests.READBACK + (readbackChanged ? VARIANT : ""),
                variantExceptions,
                Requests.EXCEPTIONS + (w.variantExceptions() != null ? VARIANT : ""));
        PromotionDecision a = engine.evaluate(base, baseAt);
        PromotionDecision b = engine.evaluate(variant, variantAt);
        List<Blocker> blockers = Blockers.explain(engine, variant, variantAt);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changes", described);
        out.put("diff", DecisionDiff.between(a, b));
        out.put("blockers", blockers);
        out.put("base", a);
        out.put("variant", b);
        return out;
    }

    private static JsonNode apply(JsonNode doc, Requests.Edit e, String label) {
        try {
            switch (e.op()) {
                case "set" -> {
                    boolean exists = !e.pointer().isEmpty()
                            && !doc.at(JsonPatch.pointer(e.pointer())).isMissingNode();
                    return exists
                            ? JsonPatch.replace(doc, e.pointer(), e.value().deepCopy())
                            : JsonPatch.add(doc, e.pointer(), e.value().deepCopy());
                }
                case "unset" -> {
                    JsonPatch.remove(doc, e.pointer());
                    return doc;
                }
                default -> {
                    JsonNode out = doc;
                    for (int i = 0; i < e.value().size(); i++) {
                        try {
                            out = JsonPatch.apply(out, e.value().get(i), "/" + i);
                        } catch (PatchException x) {
                            throw new BadRequest(List.of(Diagnostic.input(
                                    BAD_CHANGE,
                                    "patch of " + e.document(),
                                    "/" + i,
                                    x.getMessage() + " (in " + label + ")")));
                        }
                    }
                    return out;
                }
            }
        } catch (PatchException x) {
            throw new BadRequest(List.of(Diagnostic.input(BAD_CHANGE, label, x.pointer(), x.getMessage())));
        } catch (IllegalArgumentException x) {
            throw new BadRequest(List.of(Diagnostic.input(
                    BAD_CHANGE, label, e.pointer() == null ? "" : e.pointer(), "not a valid JSON Pointer")));
        }
    }

    private static String describe(Requests.Edit e) {
        String t = e.document() + ":";
        return switch (e.op()) {
            case "set" -> "set " + t + e.pointer() + " = " + e.value();
            case "unset" -> "unset " + t + e.pointer();
            default ->
                "patch " + t + " request (" + e.value().size() + " operation"
                        + (e.value().size() == 1 ? "" : "s") + ")";
        };
    }

    private static String sign(java.time.Duration d) {
        return (d.isNegative() ? "- " + d.negated() : "+ " + d)
                .replace("PT", "")
                .toLowerCase(java.util.Locale.ROOT);
    }
}
