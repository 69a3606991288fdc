package dev.gatehouse.server;

import dev.gatehouse.EvaluationInput;
import dev.gatehouse.InvalidInputException;
import dev.gatehouse.cases.CaseLoader;
import dev.gatehouse.cases.GoldenCase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The golden cases the page can open: each as the body of a decision request (its documents and its time). */
final class Fixtures {
    private final Map<String, GoldenCase> cases = new TreeMap<>();

    Fixtures(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            for (GoldenCase c : CaseLoader.load(dir).cases()) {
                cases.put(c.name(), c);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the fixtures folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every case: name and description, by name. */
    List<Map<String, String>> list() {
        List<Map<String, String>> out = new ArrayList<>();
        for (GoldenCase c : cases.values()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("description", c.description() == null ? "" : c.description());
            out.add(m);
        }
        return out;
    }

    /** A case as a decision request, or empty when there is no such case (or its input is not valid). */
    Optional<Map<String, Object>> request(String name) {
        GoldenCase c = cases.get(name);
        if (c == null) {
            return Optional.empty();
        }
        EvaluationInput input;
        try {
            input = c.input();
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
        dev.gatehouse.internal.InputDocuments d = dev.gatehouse.internal.InputReading.documents(input);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("evidence", d.evidence());
        out.put("readback", d.readback());
        out.put("exceptions", d.exceptions());
        out.put("at", c.at().toString());
        return Optional.of(out);
    }
}
