package dev.gatehouse.internal.rulebase;

import java.util.Objects;

/**
 * One file of a rulebase.
 *
 * @param path the file's path inside the rulebase, with '/' separators (e.g. {@code security.drl})
 * @param label how diagnostics name the file (e.g. {@code rules/security.drl})
 * @param content the bytes
 */
@SuppressWarnings("ArrayRecordComponent") // never compared by value; the content is never mutated
public record RuleSource(String path, String label, byte[] content) {
    public RuleSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(label, "label");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public String text() {
        return new String(content, java.nio.charset.StandardCharsets.UTF_8);
    }

    public boolean isDrl() {
        return path.endsWith(".drl");
    }
}
