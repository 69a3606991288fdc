package dev.gatehouse.cli;

import dev.gatehouse.trust.AttestationVerifier;
import dev.gatehouse.trust.Keys;
import dev.gatehouse.trust.Malformed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gatehouse verify}: the check a deploy job or an admission controller runs on a signed decision before it
 * deploys an artifact. Exit 0 only when every check passes.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Verifies a signed decision (evaluate --attest): signed by the key, about the artifact, PASSED, "
                + "for the environment, and recent.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:verified: the artifact may be deployed",
            "1:not verified (the reason is on stderr)",
            "2:bad usage, an unreadable key or a malformed attestation",
            "3:internal error"
        })
final class VerifyCommand implements Callable<Integer> {
    @Option(
            names = "--attestation",
            required = true,
            paramLabel = "FILE",
            description = "the DSSE envelope evaluate --attest wrote")
    Path attestation;

    @Option(
            names = "--key",
            required = true,
            paramLabel = "PUB",
            description =
                    "the gate's public key (PEM, SPKI): Ed25519 or ECDSA P-256; repeat it to accept any of several (key rotation)")
    java.util.List<Path> key;

    @Option(
            names = "--digest",
            required = true,
            paramLabel = "sha256:HEX",
            description = "the artifact about to be deployed")
    String digest;

    @Option(
            names = "--environment",
            paramLabel = "ENV",
            description = "require the decision to be for this target environment")
    String environment;

    @Option(
            names = "--max-age",
            paramLabel = "DURATION",
            defaultValue = "24h",
            description = "the oldest decision accepted: 24h, 30m, 7d, 90s (default ${DEFAULT-VALUE})")
    String maxAge;

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            converter = Options.InstantConverter.class,
            description = "the time to check freshness against, RFC 3339 UTC (default: now)")
    Instant at;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    VerifyCommand() {
        this(Clock.systemUTC());
    }

    VerifyCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Duration age;
        try {
            age = AttestationVerifier.parseDuration(maxAge);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--max-age: " + e.getMessage());
        }
        AttestationVerifier.Request request;
        try {
            request = new AttestationVerifier.Request(
                    digest,
                    environment,
                    age,
                    at != null ? at : clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--digest: " + e.getMessage());
        }
        java.util.List<Keys.VerificationKey> pub =
                key.stream().map(k -> TrustOptions.verificationKey("--key", k)).toList();
        byte[] envelope =
                TrustOptions.readFile(attestation, dev.gatehouse.trust.Dsse.MAX_ENVELOPE_BYTES, "an attestation");
        AttestationVerifier.Result result;
        try {
            result = AttestationVerifier.verify(envelope, attestation.toString(), pub, request);
        } catch (Malformed e) {
            throw new UsageException(e.getMessage());
        }
        if (!result.ok()) {
            spec.commandLine().getErr().println("gatehouse: not verified: " + attestation + ": " + result.problem());
            return ExitCode.NOT_ELIGIBLE;
        }
        Outputs.print(spec, "verified: " + result.summary() + "\n");
        return ExitCode.OK;
    }
}
