package dev.gatehouse.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The release evidence packet (contract section 1). Lists are never null once validated. */
public record ReleaseEvidence(
        @NotNull @Pattern(regexp = Formats.API_VERSION, message = Formats.API_VERSION_MESSAGE)
        String apiVersion,

        @NotNull @Pattern(regexp = "^ReleaseEvidence$", message = "must be ReleaseEvidence")
        String kind,

        @NotNull @Valid Release release,
        @NotNull @Valid Promotion promotion,
        @NotNull @Valid Ci ci,
        @NotNull @Valid Security security,
        @NotNull List<@NotNull @Valid Verification> verifications,
        @NotNull List<@NotNull @Valid Approval> approvals,
        @NotNull List<@NotNull @Valid ResidualRisk> residualRisks,
        @NotNull @Valid Rollback rollback,
        @NotNull @Valid Rollout rollout,
        List<@NotNull @Valid FieldSource> sources) {

    public static final String KIND = "ReleaseEvidence";

    /** Evidence written by hand: no {@code sources} (those are recorded by {@code gatehouse assemble}). */
    public ReleaseEvidence(
            String apiVersion,
            String kind,
            Release release,
            Promotion promotion,
            Ci ci,
            Security security,
            List<Verification> verifications,
            List<Approval> approvals,
            List<ResidualRisk> residualRisks,
            Rollback rollback,
            Rollout rollout) {
        this(
                apiVersion,
                kind,
                release,
                promotion,
                ci,
                security,
                verifications,
                approvals,
                residualRisks,
                rollback,
                rollout,
                null);
    }

    /** What is being released. */
    public record Release(
            @NotBlank String service,
            @NotBlank String version,

            @NotNull @Pattern(regexp = Formats.COMMIT, message = Formats.COMMIT_MESSAGE)
            String commit,

            @NotNull @CanonicalIdentity String author,
            @NotNull ChangeClass changeClass,
            @NotNull @Size(min = 1) List<@NotNull @Valid Artifact> artifacts) {}

    /** One artifact being promoted. */
    public record Artifact(
            @NotBlank String name,

            @NotNull @Pattern(regexp = Formats.DIGEST, message = Formats.DIGEST_MESSAGE)
            String digest) {}

    /** Where the release comes from and goes to. */
    public record Promotion(
            @NotNull Origin from,
            @NotNull Environment to,
            @Min(0) @Max(4) Integer requestedRing) {}

    /** The CI run that built and validated the release. */
    public record Ci(
            @NotBlank String runId,

            @NotNull @Pattern(regexp = Formats.COMMIT, message = Formats.COMMIT_MESSAGE)
            String commit,

            @NotNull Instant finishedAt,
            @NotNull @Valid Checks checks,

            @NotNull
            List<@NotNull @Pattern(regexp = Formats.DIGEST, message = Formats.DIGEST_MESSAGE) String> validatedDigests,

            @Valid Provenance provenance) {
        /** A CI record without build provenance. */
        public Ci(String runId, String commit, Instant finishedAt, Checks checks, List<String> validatedDigests) {
            this(runId, commit, finishedAt, checks, validatedDigests, null);
        }
    }

    /**
     * The build provenance CI's digests were read from (SLSA provenance), and whether its signature was
     * verified. {@code gatehouse assemble} does not verify signatures, so it records {@code verified: false}.
     */
    public record Provenance(
            @NotBlank String builder, @NotNull Boolean verified) {}

    /** The CI checks by name; a check CI did not report is absent (null). */
    public record Checks(CheckStatus contract, CheckStatus build, CheckStatus test, CheckStatus security) {}

    /** The security scan. */
    public record Security(
            @NotBlank String scanner,
            @NotNull Instant scannedAt,
            @NotNull List<@NotNull @Valid Finding> findings) {}

    /** One security finding. */
    public record Finding(
            @NotBlank String id,
            @NotNull Severity severity,

            @NotNull @Pattern(regexp = Formats.DIGEST, message = Formats.DIGEST_MESSAGE)
            String artifact,

            @NotNull Boolean fixAvailable,
            @Valid Vex vex) {
        /** A finding without a VEX statement. */
        public Finding(String id, Severity severity, String artifact, Boolean fixAvailable) {
            this(id, severity, artifact, fixAvailable, null);
        }
    }

    /**
     * A VEX statement (OpenVEX, CycloneDX VEX) about a finding on its artifact. The finding stays; the
     * rules decide what a status means.
     *
     * @param justification why the product is not affected (OpenVEX's justification, CycloneDX's
     *     analysis justification), or null
     * @param source the VEX file the statement was read from
     */
    public record Vex(
            @NotNull VexStatus status,

            @Pattern(regexp = Formats.NOT_BLANK, message = Formats.NOT_BLANK_MESSAGE)
            String justification,

            @NotBlank String source) {}

    /** One verification (UAT, security review, staging soak). */
    public record Verification(
            @NotNull VerificationKind kind,
            @NotNull Environment environment,
            @NotNull VerificationResult result,
            @NotNull List<@NotNull @Pattern(regexp = Formats.DIGEST, message = Formats.DIGEST_MESSAGE) String> digests,
            @NotNull Instant completedAt,
            @PositiveOrZero Double durationHours) {}

    /** One approval. */
    public record Approval(
            @NotNull Role role,
            @NotNull @CanonicalIdentity String by,
            @NotNull Instant at) {}

    /** One residual risk, optionally covered by an exception. */
    public record ResidualRisk(
            @NotBlank String id,
            @NotBlank String title,
            @NotNull Severity severity,

            @Pattern(regexp = Formats.NOT_BLANK, message = Formats.NOT_BLANK_MESSAGE)
            String exceptionId) {}

    /** How the release is rolled back. */
    public record Rollback(
            @NotBlank String strategy,

            @NotNull
            List<@NotNull @Pattern(regexp = Formats.DIGEST, message = Formats.DIGEST_MESSAGE) String> previousDigests,

            Instant rehearsedAt) {}

    /** The production rings this release already reached. */
    public record Rollout(@NotNull List<@NotNull @Valid RolloutEntry> history) {}

    /** One ring reached. */
    public record RolloutEntry(
            @NotNull @Min(0) @Max(4) Integer ring,
            @NotNull Instant enteredAt,
            @NotNull Boolean healthy) {}
}
