package dev.gatehouse.facts;

import java.time.Instant;

/** A data service: {@code /dataServices/i}. Either instant is null when never done. */
public record DataService(String name, Instant lastBackupAt, Instant restoreVerifiedAt, int index)
        implements Traceable {
    public String pointer() {
        return "/dataServices/" + index;
    }

    @Override
    public String ref() {
        return pointer();
    }
}
