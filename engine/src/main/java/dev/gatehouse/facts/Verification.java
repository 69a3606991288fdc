package dev.gatehouse.facts;

import dev.gatehouse.model.Environment;
import dev.gatehouse.model.VerificationKind;
import dev.gatehouse.model.VerificationResult;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/** One verification: {@code /verifications/i}. {@code durationHours} is null when not reported. */
public record Verification(
        @OneOf(VerificationKind.class) String kind,
        @OneOf(Environment.class) String environment,
        @OneOf(VerificationResult.class) String result,
        Set<String> digests,
        Instant completedAt,
        Double durationHours,
        int index)
        implements Traceable {

    public Verification {
        digests = Set.copyOf(digests);
    }

    /** True when this verification covered every one of {@code required}. */
    public boolean covers(Collection<String> required) {
        return digests.containsAll(required);
    }

    public boolean passed() {
        return "passed".equals(result);
    }

    public String pointer() {
        return "/verifications/" + index;
    }

    @Override
    public String ref() {
        return pointer();
    }
}
