package dev.gatehouse.facts;

import java.time.Instant;
import java.util.List;

/**
 * A residual-risk exception as given, before the rules decide its status. {@code findings} is
 * null when the exception is not limited to findings; {@code maxRing} is null when it caps no ring.
 * {@code requestedBy} and {@code approvedBy} are the identities as written (for messages);
 * {@code requester} and {@code approvers} are who they are ({@link Persons#key}), in the same order.
 * Plain data: which exceptions are relevant, what they cover and how their approvers count is
 * policy, decided in the rules ({@code exceptions.drl}).
 */
public record ExceptionRequest(
        String id,
        List<String> controls,
        List<String> services,
        List<String> environments,
        List<String> findings,
        Integer maxRing,
        String requestedBy,
        List<String> approvedBy,
        Instant createdAt,
        Instant expiresAt,
        String requester,
        List<String> approvers)
        implements Traceable {

    public ExceptionRequest(
            String id,
            List<String> controls,
            List<String> services,
            List<String> environments,
            List<String> findings,
            Integer maxRing,
            String requestedBy,
            List<String> approvedBy,
            Instant createdAt,
            Instant expiresAt) {
        this(
                id,
                controls,
                services,
                environments,
                findings,
                maxRing,
                requestedBy,
                approvedBy,
                createdAt,
                expiresAt,
                Persons.key(requestedBy),
                approvedBy.stream().map(Persons::key).toList());
    }

    public ExceptionRequest {
        controls = List.copyOf(controls);
        services = List.copyOf(services);
        environments = List.copyOf(environments);
        findings = findings == null ? null : List.copyOf(findings);
        approvedBy = List.copyOf(approvedBy);
        java.util.Objects.requireNonNull(requester, "requester");
        approvers = List.copyOf(approvers);
        if (approvers.size() != approvedBy.size()) {
            throw new IllegalArgumentException("one person key per approver");
        }
    }

    @Override
    public String ref() {
        return id;
    }
}
