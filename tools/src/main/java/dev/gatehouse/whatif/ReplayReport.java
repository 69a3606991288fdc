package dev.gatehouse.whatif;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rule change does to a corpus.
 *
 * @param cases how many cases were evaluated under both rulebases
 * @param skipped cases that could not be read, with why
 * @param errors cases a rulebase could not decide, with why
 * @param flips decisions whose eligibility differs
 * @param newlyDenied flips from eligible to not eligible
 * @param newlyEligible flips from not eligible to eligible
 * @param ringChanges decisions whose allowed ring differs
 * @param flipsByControl for each control, in how many flips its violations were added or removed
 * @param changed every case whose decision differs in any way, in corpus order, with the difference
 */
@JsonPropertyOrder({
    "baselineRulebase",
    "candidateRulebase",
    "cases",
    "flips",
    "newlyDenied",
    "newlyEligible",
    "ringChanges",
    "flipsByControl",
    "skipped",
    "errors",
    "changed"
})
public record ReplayReport(
        String baselineRulebase,
        String candidateRulebase,
        int cases,
        List<String> skipped,
        List<String> errors,
        int flips,
        int newlyDenied,
        int newlyEligible,
        int ringChanges,
        Map<String, Integer> flipsByControl,
        List<CaseChange> changed) {

    public ReplayReport {
        skipped = List.copyOf(skipped);
        errors = List.copyOf(errors);
        flipsByControl = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(flipsByControl));
        changed = List.copyOf(changed);
    }

    /** One case whose decision changed. */
    @JsonPropertyOrder({"name", "diff"})
    public record CaseChange(String name, DecisionDiff diff) {}

    /** The names of the cases whose eligibility flipped, in corpus order. */
    public List<String> flipped() {
        return changed.stream()
                .filter(c -> c.diff().eligibilityChanged())
                .map(CaseChange::name)
                .toList();
    }
}
