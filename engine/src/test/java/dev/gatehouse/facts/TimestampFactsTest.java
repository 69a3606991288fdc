package dev.gatehouse.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.Inputs;
import dev.gatehouse.TestPaths;
import dev.gatehouse.model.EnvironmentReadback;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every instant of the evidence and the readback is a Timestamp fact, named by document and JSON Pointer. */
class TimestampFactsTest {
    static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    static EvaluationInput example() {
        Path dir = TestPaths.fixtures().resolve("worked-example");
        return Inputs.read(dir.resolve("evidence.json"), dir.resolve("readback.json"), dir.resolve("exceptions"));
    }

    static List<String> timestamps(EvaluationInput input) {
        List<String> out = new ArrayList<>();
        for (Object f : FactBuilder.facts(input.evidence(), input.readback(), input.exceptions(), AT)) {
            if (f instanceof Timestamp t) {
                out.add(t.document() + " " + t.pointer() + " " + t.at());
            }
        }
        return out;
    }

    @Test
    void theWorkedExampleGivesOneTimestampPerInstantFieldInDocumentOrder() {
        assertEquals(
                List.of(
                        "evidence /ci/finishedAt 2026-11-20T09:12:00Z",
                        "evidence /security/scannedAt 2026-11-26T06:00:00Z",
                        "evidence /verifications/0/completedAt 2026-11-21T15:00:00Z",
                        "evidence /verifications/1/completedAt 2026-11-22T10:00:00Z",
                        "evidence /verifications/2/completedAt 2026-11-24T10:00:00Z",
                        "evidence /approvals/0/at 2026-11-25T08:00:00Z",
                        "evidence /approvals/1/at 2026-11-25T09:30:00Z",
                        "evidence /rollback/rehearsedAt 2026-11-23T14:00:00Z",
                        "evidence /rollout/history/0/enteredAt 2026-11-26T08:00:00Z",
                        "evidence /rollout/history/1/enteredAt 2026-11-27T06:00:00Z",
                        "readback /capturedAt 2026-11-28T11:40:00Z",
                        "readback /dataServices/0/lastBackupAt 2026-11-28T02:00:00Z",
                        "readback /dataServices/0/restoreVerifiedAt 2026-11-15T10:00:00Z",
                        "readback /dataServices/1/lastBackupAt 2026-11-28T02:30:00Z",
                        "readback /dataServices/1/restoreVerifiedAt 2026-11-15T11:00:00Z"),
                timestamps(example()));
    }

    @Test
    void anInstantThatIsNullGivesNoTimestamp() {
        EvaluationInput e = example();
        EnvironmentReadback r = e.readback();
        EnvironmentReadback.DataService first = r.dataServices().get(0);
        EnvironmentReadback readback = new EnvironmentReadback(
                r.apiVersion(),
                r.kind(),
                r.environment(),
                r.capturedAt(),
                r.profile(),
                r.workloads(),
                r.identity(),
                List.of(
                        new EnvironmentReadback.DataService(first.name(), null, first.restoreVerifiedAt()),
                        r.dataServices().get(1)),
                r.secrets(),
                r.edge(),
                r.capacity(),
                r.observability());
        List<String> readbackTimes = timestamps(Inputs.of(e.evidence(), readback, e.exceptions())).stream()
                .filter(t -> t.startsWith("readback "))
                .toList();
        assertEquals(
                List.of(
                        "readback /capturedAt 2026-11-28T11:40:00Z",
                        "readback /dataServices/0/restoreVerifiedAt 2026-11-15T10:00:00Z",
                        "readback /dataServices/1/lastBackupAt 2026-11-28T02:30:00Z",
                        "readback /dataServices/1/restoreVerifiedAt 2026-11-15T11:00:00Z"),
                readbackTimes);
    }

    static Stream<Arguments> ahead() {
        Duration skew = Duration.ofMinutes(5);
        return Stream.of(
                Arguments.of(null, skew, false),
                Arguments.of(AT.minus(Duration.ofDays(1)), skew, false),
                Arguments.of(AT, skew, false),
                Arguments.of(AT.plus(skew), skew, false),
                Arguments.of(AT.plus(skew).plusSeconds(1), skew, true),
                Arguments.of(Instant.parse("9999-01-01T00:00:00Z"), skew, true),
                Arguments.of(AT.plusSeconds(1), Duration.ZERO, true),
                Arguments.of(AT, Duration.ZERO, false));
    }

    @ParameterizedTest(name = "{0} ahead of now by more than {1}: {2}")
    @MethodSource
    void ahead(Instant t, Duration skew, boolean expected) {
        assertEquals(expected, new Now(AT).ahead(t, skew));
    }
}
