package dev.gatehouse.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The 400 shown in docs/serve.md is what the server answers for that input. */
class ServeDocTest {
    @Test
    void theBadInputExampleIsRealOutput() throws Exception {
        String doc = Files.readString(Harness.ROOT.resolve("docs/serve.md"));
        Matcher m = Pattern.compile("```json\n(\\{\n  \"diagnostics\".*?\n\\})\n```", Pattern.DOTALL)
                .matcher(doc);
        assertTrue(m.find(), "docs/serve.md has no 400 example");
        try (GatehouseServer s = Harness.start(Harness.options())) {
            String body = Harness.example(true).toString().replaceFirst("\"release\":\\{", "\"release\":{\"bogus\":1,");
            HttpResponse<String> r = Harness.post(s, "/v1/decisions", body);
            assertEquals(400, r.statusCode());
            assertEquals(m.group(1) + "\n", r.body());
        }
    }
}
