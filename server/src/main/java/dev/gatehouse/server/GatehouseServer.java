package dev.gatehouse.server;

import dev.gatehouse.EvaluationException;
import dev.gatehouse.PolicyEngine;
import dev.gatehouse.internal.json.Json;
import dev.gatehouse.log.DecisionLog;
import dev.gatehouse.model.Diagnostic;
import dev.gatehouse.model.Environment;
import dev.gatehouse.model.PromotionDecision;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The decision service: one compiled {@link PolicyEngine} shared by every request (it is immutable and
 * thread-safe), behind Javalin on Jetty 12.
 *
 * <p>Failing closed: a response with status 200 carries a complete decision (or what-if) and nothing else; every
 * failure (bad input 400, no or bad token 401/403, a body too large 413, too many evaluations at once or a
 * timeout 503, an internal failure 500) is a small JSON problem without a stack trace or a path of this machine.
 * When a decision log is configured, a decision that could not be logged is a 500, not a decision.
 */
public final class GatehouseServer implements AutoCloseable {
    /** How long {@link #stop()} waits for requests in flight before closing the listener anyway. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    /** One route: its method, its path as the OpenAPI document writes it, and the role it needs (null: none). */
    public record Route(String method, String path, Role role) {}

    private final ServeOptions options;
    private final PolicyEngine engine;
    private final Tokens tokens;
    private final Requests requests;
    private final Metrics metrics;
    private final Fixtures fixtures;
    private final Clock clock;
    private final Semaphore evaluations;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final List<Route> routes = new ArrayList<>();
    private volatile boolean draining;
    private Javalin app;

    private GatehouseServer(ServeOptions options, PolicyEngine engine, Tokens tokens, Clock clock) {
        this.options = options;
        this.engine = engine;
        this.tokens = tokens;
        this.clock = clock;
        this.requests = new Requests(options.maxBodyBytes());
        this.evaluations = new Semaphore(options.maxInFlight());
        this.metrics = new Metrics(running::get);
        this.fixtures = new Fixtures(options.fixtures());
    }

    /**
     * Starts a server. Refuses (IllegalArgumentException, exit 2 in the command) an address that is not loopback
     * when there are no tokens, and a tokens file that is not one; IOException when it cannot listen.
     */
    public static GatehouseServer start(ServeOptions options, PolicyEngine engine) throws IOException {
        return start(options, engine, Clock.systemUTC());
    }

    static GatehouseServer start(ServeOptions options, PolicyEngine engine, Clock clock) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(engine, "engine");
        if (options.tokens() == null && !ServeOptions.isLoopback(options.host())) {
            throw new IllegalArgumentException(
                    "refusing to listen on " + options.host() + " without --tokens: anyone who "
                            + "can reach it could ask for decisions; give a tokens file, or listen on loopback (127.0.0.1)");
        }
        Tokens tokens = null;
        if (options.tokens() != null) {
            try {
                tokens = Tokens.read(options.tokens());
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalArgumentException("the tokens file " + options.tokens() + " does not exist");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the tokens file " + options.tokens() + ": "
                        + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage()));
            }
        }
        GatehouseServer server = new GatehouseServer(options, engine, tokens, clock);
        server.app = Javalin.create(server::configure);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            throw new IOException(
                    "cannot listen on " + options.host() + ":" + options.port() + ": " + rootMessage(e), e);
        }
        return server;
    }

    /** The port it listens on (the one picked when the options said 0). */
    public int port() {
        return app.port();
    }

    /** Every route it serves, in the order registered. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * Stops gracefully: from now on new requests get 503 and {@code /readyz} says so; requests in flight finish
     * (each decision logged before its response is sent) for up to {@link #DRAIN_TIMEOUT}; then the listener closes.
     */
    public void stop() {
        draining = true;
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (active.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }

    // ---------------------------------------------------------------------------------------------- configuration

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.maxRequestSize = options.maxBodyBytes();
        cfg.http.generateEtags = false;
        cfg.http.prefer405over404 = true;
        cfg.router.ignoreTrailingSlashes = false;
        // A bounded pool and a bounded queue: past them Jetty refuses work instead of queueing without end.
        int maxThreads = Math.max(16, options.maxInFlight() * 4);
        QueuedThreadPool pool = new QueuedThreadPool(
                maxThreads,
                Math.min(8, maxThreads),
                60_000,
                new java.util.concurrent.ArrayBlockingQueue<>(options.maxConnections()));
        pool.setName("gatehouse-http");
        cfg.jetty.threadPool = pool;
        cfg.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            http.setRequestHeaderSize(16 * 1024);
        });
        cfg.jetty.addConnector((server, http) -> {
            ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
            c.setHost(options.host());
            c.setPort(options.port());
            c.setIdleTimeout(options.idleTimeout().toMillis());
            return c;
        });
        cfg.jetty.modifyServer(server -> {
            server.addBean(new NetworkConnectionLimit(options.maxConnections(), server));
            ErrorHandler errors = new ErrorHandler() {
                // Errors Jetty answers itself (a malformed request line, headers too large): a fixed JSON body, never
                // a page with a stack trace, a message from a parser, or the server's version.
                @Override
                protected boolean generateAcceptableResponse(
                        org.eclipse.jetty.server.Request request,
                        org.eclipse.jetty.server.Response response,
                        org.eclipse.jetty.util.Callback callback,
                        String contentType,
                        List<java.nio.charset.Charset> charsets,
                        int code,
                        String message,
                        Throwable cause) {
                    response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, "application/json");
                    response.write(
                            true,
                            java.nio.ByteBuffer.wrap(("{\"status\":" + code
                                            + ",\"error\":\"http\",\"message\":\"the request could not be read\"}")
                                    .getBytes(StandardCharsets.UTF_8)),
                            callback);
                    return true;
                }
            };
            errors.setShowStacks(false);
            errors.setShowCauses(false);
            errors.setShowMessageInTitle(false);
            errors.setShowOrigin(false);
            server.setErrorHandler(errors);
        });
        cfg.router.javaLangErrorHandler((res, error) -> {
            metrics.internalError();
            res.setStatus(500);
            res.setContentType("application/json");
            try {
                res.getOutputStream()
                        .write(problem(500, "internal", "the service failed; no decision was made")
                                .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the client is gone; nothing more to do
            }
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> internal(ctx));
        cfg.routes.error(404, ctx -> {
            if (ctx.result() == null || !ctx.result().startsWith("{")) {
                json(ctx, 404, problem(404, "not-found", "no such route"));
            }
        });
        cfg.routes.error(
                405, ctx -> json(ctx, 405, problem(405, "method-not-allowed", "this route does not take that method")));

        // The API.
        route(cfg, "POST", "/v1/decisions", Role.EVALUATE, ctx -> decide(ctx, false));
        route(cfg, "POST", "/v1/attestations", Role.EVALUATE, ctx -> decide(ctx, true));
        route(cfg, "POST", "/v1/whatif", Role.REVIEW, this::whatIf);
        route(cfg, "GET", "/v1/rulebase", Role.REVIEW, this::rulebase);
        route(cfg, "GET", "/v1/fixtures", Role.REVIEW, ctx -> json(ctx, 200, Json.pretty(fixtures.list())));
        route(cfg, "GET", "/v1/fixtures/{name}", Role.REVIEW, ctx -> {
            Optional<Map<String, Object>> f = fixtures.request(ctx.pathParam("name"));
            if (f.isEmpty()) {
                json(ctx, 404, problem(404, "not-found", "no such fixture"));
            } else {
                json(ctx, 200, Json.pretty(f.get()));
            }
        });
        route(cfg, "GET", "/v1/log", Role.REVIEW, this::logEntries);
        route(cfg, "GET", "/v1/log/{line}", Role.REVIEW, this::logEntry);
        // Operations.
        route(cfg, "GET", "/healthz", null, ctx -> json(ctx, 200, "{\"status\":\"ok\"}"));
        route(
                cfg,
                "GET",
                "/readyz",
                null,
                ctx -> json(ctx, 200, Json.pretty(Map.of("status", "ready", "rulebase", engine.rulebaseDigest()))));
        route(cfg, "GET", "/metrics", null, ctx -> {
            ctx.status(200)
                    .contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape());
        });
        route(cfg, "GET", "/openapi.json", null, ctx -> json(ctx, 200, Assets.text("gatehouse/openapi.json")));
        // The reviewers' page.
        route(cfg, "GET", "/", null, ctx -> Assets.serve(ctx, "index.html"));
        route(cfg, "GET", "/ui/{file}", null, ctx -> Assets.serve(ctx, ctx.pathParam("file")));
    }

    /** A handler of one route, which may throw anything: it becomes a problem response. */
    @FunctionalInterface
    interface Handler {
        void handle(Context ctx) throws Exception;
    }

    private void route(JavalinConfig cfg, String method, String path, Role role, Handler h) {
        routes.add(new Route(method, path, role));
        io.javalin.http.Handler wrapped = ctx -> guarded(ctx, role, h);
        if ("GET".equals(method)) {
            cfg.routes.get(path, wrapped);
        } else {
            cfg.routes.post(path, wrapped);
        }
    }

    private void guarded(Context ctx, Role role, Handler h) {
        active.incrementAndGet();
        try {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-store");
            boolean health = ctx.path().equals("/healthz");
            if (draining && !health) {
                metrics.rejected(Metrics.Rejection.DRAINING);
                ctx.header("Retry-After", "1");
                json(ctx, 503, problem(503, "draining", "the service is shutting down; ask another replica"));
                return;
            }
            if (tokens == null && !loopbackHost(ctx.header("Host"))) {
                // Without tokens, only a request addressed to a loopback name is answered: a web page whose own name
                // was rebound to 127.0.0.1 (DNS rebinding) must not read the log or ask for decisions.
                metrics.rejected(Metrics.Rejection.FORBIDDEN);
                json(
                        ctx,
                        403,
                        problem(
                                403,
                                "forbidden",
                                "without --tokens the service answers only requests addressed to "
                                        + "127.0.0.1, [::1] or localhost"));
                return;
            }
            if (role != null && tokens != null && !authorized(ctx, role)) {
                return;
            }
            h.handle(ctx);
        } catch (BadRequest e) {
            metrics.inputError();
            json(ctx, 400, badInput(e.diagnostics()));
        } catch (TooLarge e) {
            metrics.rejected(Metrics.Rejection.TOO_LARGE);
            json(
                    ctx,
                    413,
                    problem(
                            413,
                            "too-large",
                            "the request body is larger than the limit of " + options.maxBodyBytes() + " bytes"));
        } catch (EvaluationException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("the evaluation took longer")) {
                metrics.rejected(Metrics.Rejection.TIMEOUT);
                ctx.header("Retry-After", "1");
                json(
                        ctx,
                        503,
                        problem(
                                503,
                                "timeout",
                                "the evaluation took longer than its time limit; no decision was made"));
            } else {
                metrics.internalError();
                json(
                        ctx,
                        500,
                        problem(500, "no-decision", "the rules could not reach a decision; no decision was made"));
            }
        } catch (LogFailure e) {
            metrics.internalError();
            json(
                    ctx,
                    500,
                    problem(
                            500,
                            "not-logged",
                            "the decision could not be written to the decision log, so it is "
                                    + "not given; no decision was made"));
        } catch (Exception | Error e) {
            internal(ctx);
        } finally {
            active.decrementAndGet();
        }
    }

    /** Whether a Host header names a loopback address or localhost (with any port). */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.strip().toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end > 0
                    && name.substring(1, end).equals("::1")
                    && (end == name.length() - 1 || name.charAt(end + 1) == ':');
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        return name.equals("localhost") || name.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
    }

    private boolean authorized(Context ctx, Role required) {
        String header = ctx.header("Authorization");
        Optional<Role> role = Optional.empty();
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            role = tokens.roleOf(header.substring(7).strip());
        }
        if (role.isEmpty()) {
            metrics.rejected(Metrics.Rejection.UNAUTHORIZED);
            ctx.header("WWW-Authenticate", "Bearer realm=\"gatehouse\"");
            json(ctx, 401, problem(401, "unauthorized", "a bearer token is required (Authorization: Bearer TOKEN)"));
            return false;
        }
        if (!role.get().allows(required)) {
            metrics.rejected(Metrics.Rejection.FORBIDDEN);
            json(
                    ctx,
                    403,
                    problem(
                            403,
                            "forbidden",
                            "this token's role (" + role.get().wire() + ") may not use this route; it " + "needs "
                                    + required.wire()));
            return false;
        }
        return true;
    }

    private void internal(Context ctx) {
        metrics.internalError();
        json(ctx, 500, problem(500, "internal", "the service failed; no decision was made"));
    }

    // -------------------------------------------------------------------------------------------------- handlers

    /**
     * One decision; as the decision itself, or ({@code attest}) as the signed attestation {@code evaluate --attest}
     * writes for the same inputs. Logged either way.
     */
    private void decide(Context ctx, boolean attest) throws IOException, InterruptedException {
        if (attest && options.attester() == null) {
            json(
                    ctx,
                    404,
                    problem(404, "not-found", "this service signs no attestations (start it with --signing-key)"));
            return;
        }
        byte[] body = body(ctx);
        Requests.Decision d;
        if (!acquire()) {
            busy(ctx);
            return;
        }
        running.incrementAndGet();
        try {
            d = requests.decision(body);
            Instant at = d.at() != null ? d.at() : clock.instant();
            long t0 = System.nanoTime();
            PromotionDecision decision = engine.evaluate(d.input(), at);
            if (options.log() != null) {
                try {
                    DecisionLog.append(options.log(), options.replica(), d.input(), at, decision, options.logSealer());
                } catch (IOException | RuntimeException e) {
                    throw new LogFailure();
                }
            }
            metrics.decided(decision.eligible(), System.nanoTime() - t0);
            if (attest) {
                json(ctx, 200, new String(options.attester().attest(d.input(), decision), StandardCharsets.UTF_8));
            } else {
                json(ctx, 200, Json.pretty(decision));
            }
        } finally {
            running.decrementAndGet();
            evaluations.release();
        }
    }

    private void whatIf(Context ctx) throws IOException, InterruptedException {
        byte[] body = body(ctx);
        if (!acquire()) {
            busy(ctx);
            return;
        }
        running.incrementAndGet();
        try {
            Requests.WhatIf w = requests.whatIf(body);
            json(ctx, 200, Json.pretty(WhatIfs.run(engine, w, clock.instant())));
        } finally {
            running.decrementAndGet();
            evaluations.release();
        }
    }

    /**
     * An evaluation slot: at once when one is free, else after waiting at most {@link ServeOptions#MAX_WAIT} among
     * at most {@link ServeOptions#maxWaiting()} others; false when there is none (the request is refused).
     */
    private boolean acquire() throws InterruptedException {
        if (evaluations.tryAcquire()) {
            return true;
        }
        try {
            if (waiting.incrementAndGet() > options.maxWaiting()) {
                return false;
            }
            return evaluations.tryAcquire(ServeOptions.MAX_WAIT.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void busy(Context ctx) {
        metrics.rejected(Metrics.Rejection.BUSY);
        ctx.header("Retry-After", "1");
        json(
                ctx,
                503,
                problem(
                        503,
                        "busy",
                        "too many evaluations in flight (" + options.maxInFlight() + ", and " + options.maxWaiting()
                                + " waiting); retry after a second"));
    }

    private void rulebase(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("digest", engine.rulebaseDigest());
        out.put("engineVersion", PolicyEngine.version());
        out.put("precompiled", engine.precompiled());
        out.put("controls", engine.controls());
        Map<String, Object> enforcement = new LinkedHashMap<>();
        for (Environment e : Environment.values()) {
            enforcement.put(e.wire(), engine.enforcementIn(e));
        }
        out.put("enforcement", enforcement);
        out.put("settings", engine.settings());
        out.put("rules", engine.ruleMetadata());
        json(ctx, 200, Json.pretty(out));
    }

    private void logEntries(Context ctx) throws IOException {
        json(ctx, 200, Json.pretty(LogBrowser.summaries(options.log(), options.replica())));
    }

    private void logEntry(Context ctx) throws IOException {
        Optional<Map<String, Object>> entry = LogBrowser.request(options.log(), ctx.pathParam("line"));
        if (entry.isEmpty()) {
            json(ctx, 404, problem(404, "not-found", "no such line in the decision log"));
        } else {
            json(ctx, 200, Json.pretty(entry.get()));
        }
    }

    // --------------------------------------------------------------------------------------------------- helpers

    /** The request body, refused (413) past the limit, and refused (415) when it is not declared JSON. */
    private byte[] body(Context ctx) throws IOException {
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).strip().startsWith("application/json")) {
            throw new BadRequest(List.of(Diagnostic.input(
                    dev.gatehouse.model.DiagnosticCode.BAD_FORMAT,
                    Requests.BODY,
                    "",
                    "the request must be sent as Content-Type: application/json")));
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > options.maxBodyBytes()) {
            throw new TooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxBodyBytes() + 1));
            if (bytes.length > options.maxBodyBytes()) {
                throw new TooLarge();
            }
            return bytes;
        }
    }

    static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(body);
    }

    static String problem(int status, String error, String message) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("status", status);
        p.put("error", error);
        p.put("message", message);
        return Json.pretty(p);
    }

    /** A 400's body: each diagnostic with its document, JSON Pointer (or line and column), code and message. */
    static String badInput(List<Diagnostic> diagnostics) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("status", 400);
        p.put("error", "bad-input");
        p.put("message", "the request is not a valid input; nothing was evaluated");
        List<Map<String, Object>> ds = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("document", d.file());
            if (d.pointer() != null) {
                m.put("pointer", d.pointer());
            }
            if (d.line() > 0) {
                m.put("line", d.line());
                m.put("column", d.column());
            }
            m.put("code", d.code());
            m.put("message", d.message());
            m.put("text", d.format());
            ds.add(m);
        }
        p.put("diagnostics", ds);
        return Json.pretty(p);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The body was larger than the limit. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("too large", null, false, false);
        }
    }

    /** The decision could not be appended to the log. */
    static final class LogFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LogFailure() {
            super("not logged", null, false, false);
        }
    }

    /** For tests: how many connectors Jetty listens with (one: the configured address). */
    int connectors() {
        return app.jettyServer().server().getConnectors().length;
    }

    /** For tests: the permits of the in-flight bound, to hold them all. */
    Semaphore evaluations() {
        return evaluations;
    }

    /** For tests: whether {@link #stop()} has begun. */
    boolean draining() {
        return draining;
    }
}
