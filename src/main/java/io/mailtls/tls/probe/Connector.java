package io.mailtls.tls.probe;

import io.mailtls.net.Deadline;
import io.mailtls.tls.wire.ServerFlightReader;
import io.mailtls.tls.wire.ServerResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One probe = one connection: connect, run the preamble, send the hello, read the answer. Holds the
 * per-server connection limit, retries refusals and resets with a doubling backoff, gives up for the
 * whole scan once a server keeps refusing, and counts every connection it opens.
 */
public final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

    /** How long a probe waits for the server to close after it did: a sane server closes at once. */
    private static final Duration HANG_UP = Duration.ofSeconds(1);

    private final ProbeTarget target;
    private final ProbeOptions options;
    private final Deadline scanDeadline;
    private final ConnectionGate gate;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicReference<String> gaveUp = new AtomicReference<>();

    public Connector(ProbeTarget target, ProbeOptions options, Deadline scanDeadline) {
        this(target, options, scanDeadline, new ConnectionGate(options.maxConnections()));
    }

    /** A connector whose connections count against a gate shared with other connections to the same server. */
    public Connector(ProbeTarget target, ProbeOptions options, Deadline scanDeadline, ConnectionGate gate) {
        this.target = target;
        this.options = options;
        this.scanDeadline = scanDeadline;
        this.gate = gate;
    }

    /** Connections opened so far (attempts included). */
    public int connections() {
        return connections.get();
    }

    /** Why the scan stopped connecting, if it did. */
    public java.util.Optional<String> gaveUp() {
        return java.util.Optional.ofNullable(gaveUp.get()).or(gate::cancelled);
    }

    /** {@link #exchange(byte[], ConnectionGate.Priority)} for a round of a chain. */
    public ProbeAttempt<ServerResponse> exchange(byte[] hello) {
        return exchange(hello, ConnectionGate.Priority.CHAIN);
    }

    /** Sends one ClientHello on a fresh connection and returns the server's answer, retrying transient failures. */
    public ProbeAttempt<ServerResponse> exchange(byte[] hello, ConnectionGate.Priority priority) {
        for (int attempt = 0; ; attempt++) {
            String stop = gaveUp().orElse(null);
            if (stop != null) {
                return new ProbeAttempt.Failed<>(FailureKind.BUDGET, "stopped probing: " + stop);
            }
            if (scanDeadline.expired()) {
                return new ProbeAttempt.Failed<>(FailureKind.BUDGET, "scan deadline passed");
            }
            ProbeAttempt<ServerResponse> result = once(hello, priority);
            if (!(result instanceof ProbeAttempt.Failed<ServerResponse> failed)) {
                return result;
            }
            if (!failed.kind().retryable()) {
                return result;
            }
            if (attempt >= options.maxRetries()) {
                // A server that keeps refusing is defending itself: stop, rather than be blocklisted.
                gaveUp.compareAndSet(null, failed.kind() + " after " + (attempt + 1) + " tries: " + failed.detail());
                return result;
            }
            LOG.debug("{}: {} ({}), retry {} after backoff", target.endpoint(), failed.kind(), failed.detail(),
                    attempt + 1);
            if (!pause(options.backoff().multipliedBy(1L << Math.min(attempt, 10)))) {
                return new ProbeAttempt.Failed<>(FailureKind.BUDGET, gate.cancelled()
                        .map(why -> "stopped probing: " + why).orElse("interrupted while backing off"));
            }
        }
    }

    private ProbeAttempt<ServerResponse> once(byte[] hello, ConnectionGate.Priority priority) {
        try {
            if (!gate.acquire(priority, Math.max(1, scanDeadline.remainingMillis()))) {
                return new ProbeAttempt.Failed<>(FailureKind.BUDGET, gate.cancelled().map(why -> "stopped probing: " + why)
                        .orElse("no connection slot before the scan deadline"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeAttempt.Failed<>(FailureKind.BUDGET, "interrupted");
        }
        String stop = gaveUp().orElse(null);
        if (stop != null) {
            // Checked again holding the slot: another probe may have given up while this one waited.
            gate.release();
            return new ProbeAttempt.Failed<>(FailureKind.BUDGET, "stopped probing: " + stop);
        }
        Socket socket = new Socket();
        try {
            connections.incrementAndGet();
            socket.setTcpNoDelay(true);
            Deadline deadline = scanDeadline.atMost(options.probeTimeout());
            int connectMillis = (int) Math.min(options.connectTimeout().toMillis(), deadline.remainingMillis());
            socket.connect(new InetSocketAddress(target.address(), target.port()), Math.max(1, connectMillis));
            PreambleResult preamble = runPreamble(socket, deadline);
            if (preamble instanceof PreambleResult.Failed(FailureKind kind, String detail)) {
                if (kind == FailureKind.PREAMBLE) {
                    // STARTTLS refused or not offered will not change on the next connection.
                    gaveUp.compareAndSet(null, kind + ": " + detail);
                }
                return new ProbeAttempt.Failed<>(kind, detail);
            }
            socket.getOutputStream().write(hello);
            socket.getOutputStream().flush();
            return new ProbeAttempt.Completed<>(ServerFlightReader.read(socket, deadline, options.limits()));
        } catch (ConnectException e) {
            return new ProbeAttempt.Failed<>(FailureKind.CONNECT_REFUSED, String.valueOf(e.getMessage()));
        } catch (SocketTimeoutException e) {
            return new ProbeAttempt.Failed<>(FailureKind.CONNECT_TIMEOUT, String.valueOf(e.getMessage()));
        } catch (SocketException e) {
            return new ProbeAttempt.Failed<>(FailureKind.CONNECTION_RESET, String.valueOf(e.getMessage()));
        } catch (IOException e) {
            return new ProbeAttempt.Failed<>(FailureKind.IO, String.valueOf(e.getMessage()));
        } finally {
            // The slot is free only once the server has seen this connection end, not merely when we dropped it.
            io.mailtls.net.Connector.hangUp(socket, Duration.ofMillis(Math.max(1,
                    Math.min(HANG_UP.toMillis(), scanDeadline.remainingMillis()))));
            gate.release();
        }
    }

    private PreambleResult runPreamble(Socket socket, Deadline deadline) {
        try {
            PreambleResult result = target.preamble().prepare(socket, deadline);
            return result == null ? new PreambleResult.Failed(FailureKind.PREAMBLE, "preamble gave no result") : result;
        } catch (RuntimeException e) {
            // A preamble must not throw; if one does, the probe is inconclusive, not the scan broken.
            return new PreambleResult.Failed(FailureKind.PREAMBLE, "preamble threw " + e);
        }
    }

    private boolean pause(Duration wait) {
        long millis = Math.min(wait.toMillis(), scanDeadline.remainingMillis());
        try {
            return gate.pause(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
