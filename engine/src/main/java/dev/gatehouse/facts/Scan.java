package dev.gatehouse.facts;

import java.time.Instant;

/** The security scan: {@code /security}. */
public record Scan(String scanner, Instant scannedAt) implements Traceable {
    @Override
    public String ref() {
        return "/security";
    }
}
