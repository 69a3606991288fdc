package dev.gatehouse.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** A residual-risk exception (contract section 3), one per file. */
public record RiskException(
        @NotNull @Pattern(regexp = Formats.API_VERSION, message = Formats.API_VERSION_MESSAGE)
        String apiVersion,

        @NotNull @Pattern(regexp = "^RiskException$", message = "must be RiskException")
        String kind,

        @NotBlank String id,
        @NotNull @Size(min = 1) List<@NotBlank String> controls,
        @NotNull @Valid Scope scope,

        @Pattern(regexp = Formats.NOT_BLANK, message = Formats.NOT_BLANK_MESSAGE)
        String residualRisk,

        @NotBlank String justification,
        @NotNull List<@NotBlank String> compensatingControls,
        @NotNull @CanonicalIdentity String requestedBy,
        @NotNull List<@NotNull @CanonicalIdentity String> approvedBy,
        @NotNull Instant createdAt,
        @NotNull Instant expiresAt) {

    public static final String KIND = "RiskException";

    /** Where the exception applies. {@code findings} and {@code maxRing} are optional. */
    public record Scope(
            @NotNull @Size(min = 1) List<@NotBlank String> services,
            @NotNull @Size(min = 1) List<@NotNull Environment> environments,
            List<@NotBlank String> findings,
            @Min(0) @Max(4) Integer maxRing) {}
}
