package dev.gatehouse.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a server runs. Build with {@link #builder()}; every limit has a default.
 *
 * @param host the address to listen on (a name or literal); loopback by default
 * @param port the port; 0 picks a free one (tests)
 * @param tokens the tokens file, or null for none (then only a loopback address is allowed)
 * @param log the decision log every decision is appended to, or null for none
 * @param replica the name of this replica in each log line (one chain per replica)
 * @param logSealer signs each log line over the chain head (module trust, {@code --log-key}), or null for none
 * @param attester signs a decision as an attestation ({@code --signing-key}; {@code POST /v1/attestations}), or null
 * @param fixtures a folder of golden cases the page can open, or null for none
 * @param maxBodyBytes the largest request body accepted (413 past it)
 * @param maxInFlight the most evaluations at once
 * @param maxWaiting the most requests that wait (at most {@link #MAX_WAIT}) for an evaluation slot; past them, or
 *     past the wait, 503 with Retry-After: the queue never grows past this
 * @param maxConnections the most open connections (the listener stops accepting past it)
 * @param idleTimeout how long a connection may send nothing (a slow body ends there)
 */
public record ServeOptions(
        String host,
        int port,
        Path tokens,
        Path log,
        String replica,
        Path fixtures,
        long maxBodyBytes,
        int maxInFlight,
        int maxWaiting,
        int maxConnections,
        Duration idleTimeout,
        dev.gatehouse.log.DecisionLog.Sealer logSealer,
        Attester attester) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8181;
    public static final long DEFAULT_MAX_BODY_BYTES = 8L << 20;
    public static final int DEFAULT_MAX_IN_FLIGHT = 2 * Runtime.getRuntime().availableProcessors();
    public static final int DEFAULT_MAX_WAITING = 64;
    /** How long a request waits for an evaluation slot before it is refused. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(1);

    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);

    public ServeOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be 0 to 65535, not " + port);
        }
        if (maxBodyBytes < 1024 || maxBodyBytes > (1L << 30)) {
            throw new IllegalArgumentException("the body limit must be 1KiB to 1GiB, not " + maxBodyBytes);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("the in-flight limit must be at least 1, not " + maxInFlight);
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("the waiting limit must be at least 0, not " + maxWaiting);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("the connection limit must be at least 1, not " + maxConnections);
        }
        if (logSealer != null && log == null) {
            throw new IllegalArgumentException("a log key needs a log (--log FILE)");
        }
        if (logSealer != null && !logSealer.chain().equals(replica)) {
            throw new IllegalArgumentException("the signed log's chain is " + logSealer.chain()
                    + ", but this replica is " + replica + ": a replica signs its own chain");
        }
        if (replica.isBlank() || replica.length() > 253 || !replica.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalArgumentException(
                    "a replica name is 1 to 253 letters, digits, '.', '_', ':' or '-', not '" + replica + "'");
        }
    }

    /** Turns one decision into the bytes of a signed attestation (module trust's DSSE envelope). */
    @FunctionalInterface
    public interface Attester {
        byte[] attest(dev.gatehouse.EvaluationInput input, dev.gatehouse.model.PromotionDecision decision);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code host} names only loopback addresses (127.0.0.0/8, ::1, localhost). */
    public static boolean isLoopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Builds options; anything not set has its default. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path tokens;
        private Path log;
        private String replica = defaultReplica();
        private dev.gatehouse.log.DecisionLog.Sealer logSealer;
        private Attester attester;
        private Path fixtures;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private int maxWaiting = DEFAULT_MAX_WAITING;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

        private Builder() {}

        public Builder listen(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        public Builder tokens(Path file) {
            this.tokens = file;
            return this;
        }

        public Builder log(Path file) {
            this.log = file;
            return this;
        }

        public Builder replica(String name) {
            this.replica = name;
            return this;
        }

        public Builder fixtures(Path dir) {
            this.fixtures = dir;
            return this;
        }

        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public Builder maxInFlight(int n) {
            this.maxInFlight = n;
            return this;
        }

        public Builder maxWaiting(int n) {
            this.maxWaiting = n;
            return this;
        }

        public Builder maxConnections(int n) {
            this.maxConnections = n;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** Signs every log line (the sealer's chain must be this replica's name); null: unsigned. */
        public Builder logSealer(dev.gatehouse.log.DecisionLog.Sealer sealer) {
            this.logSealer = sealer;
            return this;
        }

        /** Signs decisions as attestations for {@code POST /v1/attestations}; null: that route answers 404. */
        public Builder attester(Attester signer) {
            this.attester = signer;
            return this;
        }

        public ServeOptions build() {
            return new ServeOptions(
                    host,
                    port,
                    tokens,
                    log,
                    replica,
                    fixtures,
                    maxBodyBytes,
                    maxInFlight,
                    maxWaiting,
                    maxConnections,
                    idleTimeout,
                    logSealer,
                    attester);
        }
    }

    /** The host's name (a pod's name under Kubernetes), sanitised to a replica name; "replica" when there is none. */
    public static String defaultReplica() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            name = "";
        }
        name = name.replaceAll("[^A-Za-z0-9._:-]", "-");
        return name.isEmpty() || name.length() > 253 ? "replica" : name;
    }
}
