package dev.gatehouse.whatif;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One blocking violation of a denied release, explained: where the evidence is, what the control
 * needs there (the {@code @description} of the rules of the control that fired), and whether an
 * exception could waive it.
 *
 * @param document the document the evidence pointer is in: {@code evidence}, {@code readback},
 *     {@code exception}, or null when the violation names no evidence
 * @param needs what the control needs, from the {@code @description} of each rule that raised it
 * @param rules the rules those descriptions come from
 * @param waivable true for a soft violation (an exception can waive it), false for a hard one
 * @param remedy what would clear it, in plain words
 */
@JsonPropertyOrder({
    "control",
    "enforcement",
    "subject",
    "message",
    "evidence",
    "document",
    "needs",
    "rules",
    "waivable",
    "remedy"
})
public record Blocker(
        String control,
        String enforcement,
        String subject,
        String message,
        String evidence,
        String document,
        List<String> needs,
        List<String> rules,
        boolean waivable,
        String remedy) {
    public Blocker {
        needs = List.copyOf(needs);
        rules = List.copyOf(rules);
    }
}
