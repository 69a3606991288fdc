package dev.gatehouse.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;

/** What the target environment reports about itself (contract section 2). */
public record EnvironmentReadback(
        @NotNull @Pattern(regexp = Formats.API_VERSION, message = Formats.API_VERSION_MESSAGE)
        String apiVersion,

        @NotNull @Pattern(regexp = "^EnvironmentReadback$", message = "must be EnvironmentReadback")
        String kind,

        @NotNull Environment environment,
        @NotNull Instant capturedAt,
        @NotNull @Valid Profile profile,
        @NotNull List<@NotNull @Valid Workload> workloads,
        @NotNull @Valid Identity identity,
        @NotNull List<@NotNull @Valid DataService> dataServices,
        @NotNull @Valid Secrets secrets,
        @NotNull @Valid Edge edge,
        @NotNull @Valid Capacity capacity,
        @NotNull @Valid Observability observability,
        List<@NotNull @Valid FieldSource> sources) {

    public static final String KIND = "EnvironmentReadback";

    /** A readback written by hand: no {@code sources} (those are recorded by {@code gatehouse assemble}). */
    public EnvironmentReadback(
            String apiVersion,
            String kind,
            Environment environment,
            Instant capturedAt,
            Profile profile,
            List<Workload> workloads,
            Identity identity,
            List<DataService> dataServices,
            Secrets secrets,
            Edge edge,
            Capacity capacity,
            Observability observability) {
        this(
                apiVersion,
                kind,
                environment,
                capturedAt,
                profile,
                workloads,
                identity,
                dataServices,
                secrets,
                edge,
                capacity,
                observability,
                null);
    }

    /** The environment profile the target was rendered from. */
    public record Profile(
            @NotBlank String name,

            @JsonProperty(required = true) @Pattern(regexp = Formats.COMMIT, message = Formats.COMMIT_MESSAGE)
            String renderedFromCommit,

            @NotNull @Min(0) Integer manualSteps) {}

    /** A workload running in the target, by digest. */
    public record Workload(
            @NotBlank String name,

            @NotNull @Pattern(regexp = Formats.DIGEST, message = Formats.DIGEST_MESSAGE)
            String digest) {}

    /** Identity provider posture. */
    public record Identity(
            @NotNull @Min(0) Integer idpReplicas, @NotNull Boolean realmDrift) {}

    /** A data service and its backup and restore proof. */
    public record DataService(
            @NotBlank String name,
            @JsonProperty(required = true) Instant lastBackupAt,
            @JsonProperty(required = true) Instant restoreVerifiedAt) {}

    /** Secrets and PKI posture. */
    public record Secrets(
            @JsonProperty(required = true) @Pattern(regexp = Formats.NOT_BLANK, message = Formats.NOT_BLANK_MESSAGE)
            String manager,

            @NotNull @Min(0) Integer certificatesExpiringWithin14d) {}

    /** Edge posture. */
    public record Edge(@NotNull Boolean tls, @NotNull Boolean waf) {}

    /** GPU capacity and reserve. */
    public record Capacity(
            @NotNull @Min(0) Integer gpuNodes,
            @NotNull @Min(0) Integer reserveGpuNodes) {}

    /** Observability posture. */
    public record Observability(
            @NotNull Boolean logs,
            @NotNull Boolean metrics,
            @NotNull Boolean traces,
            @NotNull Boolean alerts,
            @NotNull @Min(0) Integer criticalAlertsFiring) {}
}
