package dev.gatehouse.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.log.DecisionLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The decision log as the page browses it: the latest entries in short, and one entry as a decision request. */
final class LogBrowser {
    /** The page lists at most this many entries, newest first. */
    static final int MAX_ENTRIES = 200;
    /** A log larger than this is not read by the page (use {@code gatehouse log} and {@code replay}). */
    static final long MAX_BYTES = 64L << 20;

    private LogBrowser() {}

    static Map<String, Object> summaries(Path log, String replica) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("configured", log != null);
        out.put("replica", replica);
        List<Map<String, Object>> entries = new ArrayList<>();
        List<DecisionLog.Entry> all = read(log);
        for (int i = all.size() - 1; i >= 0 && entries.size() < MAX_ENTRIES; i--) {
            DecisionLog.Entry e = all.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", e.line());
            m.put("at", e.at().toString());
            m.put("service", e.evidence().path("release").path("service").asText(""));
            m.put("version", e.evidence().path("release").path("version").asText(""));
            m.put("to", e.evidence().path("promotion").path("to").asText(""));
            m.put("eligible", e.decision().path("eligible").asBoolean(false));
            JsonNode ring = e.decision().path("ring").path("allowed");
            m.put("ring", ring.isNumber() ? ring.asInt() : null);
            entries.add(m);
        }
        out.put("entries", entries);
        return out;
    }

    static Optional<Map<String, Object>> request(Path log, String line) throws IOException {
        if (!line.matches("[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        long n = Long.parseLong(line);
        for (DecisionLog.Entry e : read(log)) {
            if (e.line() == n) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("evidence", e.evidence());
                out.put("readback", e.readback());
                out.put("exceptions", e.exceptions());
                out.put("at", e.at().toString());
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }

    private static List<DecisionLog.Entry> read(Path log) throws IOException {
        if (log == null || !Files.isRegularFile(log) || Files.size(log) == 0) {
            return List.of();
        }
        if (Files.size(log) > MAX_BYTES) {
            throw new IOException("the decision log is larger than the page reads");
        }
        return DecisionLog.read(log);
    }
}
