package dev.gatehouse.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The reviewers' page: a fixed set of files bundled in the jar (no CDN, nothing fetched from elsewhere), served
 * with a Content-Security-Policy that allows scripts, styles and requests from this origin only, so even markup
 * that slipped into the page could run nothing.
 */
final class Assets {
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "icon.svg", "image/svg+xml");
    static final String CSP =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                    + "form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private Assets() {}

    static void serve(Context ctx, String name) {
        String type = FILES.get(name);
        if (type == null) {
            GatehouseServer.json(ctx, 404, GatehouseServer.problem(404, "not-found", "no such file"));
            return;
        }
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.status(200).contentType(type).result(bytes("gatehouse/ui/" + name));
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
