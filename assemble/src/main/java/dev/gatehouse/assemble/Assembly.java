package dev.gatehouse.assemble;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.model.FieldSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link Assembler#assemble()}: the ReleaseEvidence and EnvironmentReadback as JSON
 * trees (valid against the strict contract, fields in contract order, times in UTC, lists sorted) and
 * their JSON text as written, byte-identical for the same inputs.
 */
public record Assembly(
        JsonNode evidence,
        JsonNode readback,
        String evidenceJson,
        String readbackJson,
        List<FieldSource> evidenceSources,
        List<FieldSource> readbackSources) {
    public Assembly {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(readback, "readback");
        evidenceSources = List.copyOf(evidenceSources);
        readbackSources = List.copyOf(readbackSources);
    }

    /**
     * Where each imported value came from, one line each, evidence first:
     * {@code evidence /security/findings/0 <- trivy.json: /Results/0/Vulnerabilities/0 (line 120)}.
     * Fields without a line came from the manifest.
     */
    public String explain() {
        StringBuilder b = new StringBuilder();
        List<String[]> rows = new ArrayList<>();
        for (FieldSource s : evidenceSources) {
            rows.add(new String[] {"evidence", s.field(), place(s)});
        }
        for (FieldSource s : readbackSources) {
            rows.add(new String[] {"readback", s.field(), place(s)});
        }
        for (String[] r : rows) {
            b.append(r[0]).append(' ').append(r[1]).append(" <- ").append(r[2]).append('\n');
        }
        return b.toString();
    }

    private static String place(FieldSource s) {
        if (s.pointer() != null) {
            return s.file() + ": " + (s.pointer().isEmpty() ? "/" : s.pointer())
                    + (s.line() == null ? "" : " (line " + s.line() + ")");
        }
        return s.file() + (s.line() == null ? "" : ":" + s.line());
    }
}
