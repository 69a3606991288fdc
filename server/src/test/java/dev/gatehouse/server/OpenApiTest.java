package dev.gatehouse.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document: the one served is the one published in docs/, and it names exactly the server's routes. */
class OpenApiTest {
    @Test
    void theServedDocumentIsThePublishedOneAndListsExactlyTheRoutes() throws Exception {
        try (GatehouseServer s = Harness.start(Harness.options())) {
            HttpResponse<String> r = Harness.get(s, "/openapi.json");
            assertEquals(200, r.statusCode());
            assertEquals(Files.readString(Harness.ROOT.resolve("docs/openapi.json")), r.body());
            JsonNode doc = Harness.json(r);
            assertEquals("3.1.0", doc.get("openapi").asText());
            TreeSet<String> documented = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> p = paths.next();
                p.getValue()
                        .fieldNames()
                        .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey()));
            }
            TreeSet<String> served = new TreeSet<>();
            s.routes().forEach(route -> served.add(route.method() + " " + route.path()));
            assertEquals(served, documented);
            // A route that needs a role says so; one that needs none says that too.
            for (GatehouseServer.Route route : s.routes()) {
                JsonNode security = doc.get("paths")
                        .get(route.path())
                        .get(route.method().toLowerCase(Locale.ROOT))
                        .get("security");
                assertEquals(route.role() == null ? 0 : 1, security.size(), route.toString());
            }
        }
    }
}
