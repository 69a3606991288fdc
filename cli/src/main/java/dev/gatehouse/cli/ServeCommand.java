package dev.gatehouse.cli;

import dev.gatehouse.PolicyEngine;
import dev.gatehouse.server.GatehouseServer;
import dev.gatehouse.server.ServeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse serve}: the decision service and the reviewers' page, until SIGTERM or SIGINT. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the decision API (POST /v1/decisions, POST /v1/whatif, GET /v1/rulebase, /healthz, /readyz, /metrics, "
                    + "/openapi.json) and the reviewers' page at /, with one compiled rulebase for every request.",
            "Listens on loopback unless told otherwise; another address needs --tokens. SIGTERM or SIGINT stops it "
                    + "gracefully: requests in flight finish and are logged, new ones get 503."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by a signal after draining",
            "2:bad usage, a bad tokens file, rules that do not compile, "
                    + "or a non-loopback address without --tokens",
            "3:cannot listen, or an internal error"
        })
final class ServeCommand implements Callable<Integer> {
    private static final Pattern LISTEN = Pattern.compile("^(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]]+):([0-9]{1,5})$");

    @CommandLine.Mixin
    EvaluationLimits limits = new EvaluationLimits();

    @CommandLine.Mixin
    BundleOptions bundle = new BundleOptions();

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:8181",
            description = "the address to listen on (default: ${DEFAULT-VALUE}); [::1]:8181 for IPv6")
    String listen;

    @Option(
            names = "--rules",
            paramLabel = "DIR",
            description =
                    "the rulebase folder (default: the repository's rules/ with ./gatehouse, else the copy bundled at build time)")
    Path rules;

    @Option(
            names = "--tokens",
            paramLabel = "FILE",
            description = "bearer tokens, one per line as 'sha256:<hex of the token's sha256> evaluate|review [name]'")
    Path tokens;

    @Option(
            names = "--log",
            paramLabel = "FILE",
            description = "append every decision to this hash-chained decision log")
    Path log;

    @Option(
            names = "--log-key",
            paramLabel = "KEY",
            description = "sign every log line over the chain head with this private key (PEM, Ed25519 or ECDSA P-256;"
                    + " docs/trust.md); the chain is the replica's name")
    Path logKey;

    @Option(
            names = "--signing-key",
            paramLabel = "KEY",
            description = "sign decisions as attestations with this private key (PEM, Ed25519 or ECDSA P-256):"
                    + " POST /v1/attestations answers what evaluate --attest writes (docs/trust.md)")
    Path signingKey;

    @Option(
            names = "--replica",
            paramLabel = "NAME",
            description = "this replica's name in each log line (default: the host name)")
    String replica;

    @Option(
            names = "--fixtures",
            paramLabel = "DIR",
            description =
                    "golden cases the page can open (default: the fixtures/ beside the default rules/, when there is one)")
    Path fixtures;

    @Option(
            names = "--max-body-size",
            paramLabel = "SIZE",
            converter = Options.SizeConverter.class,
            description = "refuse (413) a request body larger than this (default 8MiB)")
    Long maxBodySize;

    @Option(
            names = "--max-in-flight",
            paramLabel = "N",
            description = "evaluations at once; past them a request waits up to 1s among at most 64, then gets 503 "
                    + "(default: twice the processors)")
    Integer maxInFlight;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Matcher m = LISTEN.matcher(listen);
        if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
            throw new UsageException(
                    "--listen must be HOST:PORT (such as 127.0.0.1:8181 or [::1]:8181), not " + listen);
        }
        String host =
                m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        ServeOptions.Builder b = ServeOptions.builder()
                .listen(host, Integer.parseInt(m.group(2)))
                .tokens(tokens)
                .log(log);
        if (replica != null) {
            b.replica(replica);
        }
        if (signingKey != null) {
            dev.gatehouse.trust.Keys.SigningKey key = TrustOptions.signingKey("--signing-key", signingKey);
            b.attester((input, decision) -> dev.gatehouse.trust.Attestations.signedJson(input, decision, key));
        }
        if (logKey != null) {
            if (log == null) {
                throw new UsageException("--log-key needs --log FILE (the log whose lines it signs)");
            }
            b.logSealer(TrustOptions.logSealer(
                    "--log-key", logKey, "--replica", replica != null ? replica : ServeOptions.defaultReplica()));
        }
        if (maxBodySize != null) {
            b.maxBodyBytes(maxBodySize);
        }
        if (maxInFlight != null) {
            b.maxInFlight(maxInFlight);
        }
        b.fixtures(fixtures != null ? fixtures : defaultFixtures());
        ServeOptions options;
        try {
            options = b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (log != null) {
            Outputs.checkDestination(
                    "--log",
                    log,
                    Outputs.filesUnder("a rulebase file", Options.rulesOrDefault(rules), Integer.MAX_VALUE));
        }
        if (options.tokens() == null && !ServeOptions.isLoopback(host)) {
            throw new UsageException(
                    "refusing to listen on " + host + " without --tokens: anyone who can reach it could ask "
                            + "for decisions; give a tokens file, or listen on loopback (127.0.0.1)");
        }
        bundle.check(rules, "--rules");
        PolicyEngine engine = bundle.engine(rules, limits, spec.commandLine().getErr());
        GatehouseServer server;
        try {
            server = GatehouseServer.start(options, engine);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new OutputFailure(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stop();
                            stopped.countDown();
                        },
                        "gatehouse-serve-shutdown"));
        spec.commandLine()
                .getErr()
                .println("gatehouse: serving on http://" + (host.contains(":") ? "[" + host + "]" : host)
                        + ":" + server.port() + "/ (rulebase " + engine.rulebaseDigest()
                        + (log != null ? ", log " + log + " as replica " + options.replica() : "")
                        + (tokens != null ? ", tokens from " + tokens : "") + ")");
        spec.commandLine().getErr().flush();
        stopped.await();
        return ExitCode.OK;
    }

    /** The fixtures/ folder beside the default rules/ folder (the repository's, with ./gatehouse), or null. */
    private static Path defaultFixtures() {
        Path rules = Options.defaultRules();
        if (rules == null) {
            return null;
        }
        Path parent = rules.toAbsolutePath().getParent();
        Path f = parent == null ? null : parent.resolve("fixtures");
        return f != null && Files.isDirectory(f) ? f : null;
    }
}
