package dev.gatehouse.whatif;

/** Which input document an edit changes. Edits name it with a prefix: {@code evidence:} (the default) or {@code readback:}. */
public enum Target {
    EVIDENCE("evidence"),
    READBACK("readback");

    private final String prefix;

    Target(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix that names this document in an edit, without the colon. */
    public String prefix() {
        return prefix;
    }
}
