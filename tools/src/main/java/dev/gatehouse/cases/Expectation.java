package dev.gatehouse.cases;

import java.util.List;
import java.util.Map;

/**
 * What a golden case expects. For a decision: eligibility, the allowed ring (null outside
 * production), optionally the ring's reason codes, the violations, waivers and advisories as
 * control and subject, and each exception's status. For an invalid input: the diagnostics, one
 * line each, with file names relative to the case folder.
 */
public record Expectation(
        Boolean eligible,
        Integer ring,
        List<String> ringReasons,
        List<Item> violations,
        List<Item> waived,
        List<Item> advisories,
        Map<String, String> exceptions,
        List<String> invalid) {

    /** One expected violation, waiver or advisory. {@code exception} only for waivers. */
    public record Item(String control, String subject, String exception) {
        @Override
        public String toString() {
            return control
                    + (subject == null ? "" : " " + subject)
                    + (exception == null ? "" : " (by " + exception + ")");
        }
    }

    public boolean expectsInvalid() {
        return invalid != null;
    }
}
