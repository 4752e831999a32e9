package io.mailtls.tls.probe;

import io.mailtls.tls.wire.WireLimits;
import java.time.Duration;

/**
 * How hard and how politely to probe one server.
 *
 * @param maxConnections  the most connections open to the server at once
 * @param connectTimeout  the TCP connect timeout
 * @param probeTimeout    the deadline for one probe (preamble, hello and answer)
 * @param scanTimeout     the deadline for the whole scan of one endpoint
 * @param maxRetries      how often one probe is retried after a refusal, reset or throttle
 * @param backoff         the first wait before a retry; it doubles each time
 * @param maxSuitesPerHello the most suites in one ClientHello (servers choke on more than 128)
 * @param limits          bounds on what a server's answer may be
 */
public record ProbeOptions(int maxConnections, Duration connectTimeout, Duration probeTimeout, Duration scanTimeout,
        int maxRetries, Duration backoff, int maxSuitesPerHello, WireLimits limits) {

    /** Three connections at once, 10 s per probe, 3 minutes in all, two retries from 1 s. */
    public static final ProbeOptions DEFAULT = new ProbeOptions(3, Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofMinutes(3), 2, Duration.ofSeconds(1), 128, WireLimits.DEFAULT);

    public ProbeOptions {
        if (maxConnections < 1 || maxSuitesPerHello < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("maxConnections, maxSuitesPerHello must be positive, maxRetries >= 0");
        }
    }

    /** The same options with another connection limit. */
    public ProbeOptions withMaxConnections(int n) {
        return new ProbeOptions(n, connectTimeout, probeTimeout, scanTimeout, maxRetries, backoff, maxSuitesPerHello,
                limits);
    }

    /** The same options with other retry settings. */
    public ProbeOptions withRetries(int retries, Duration firstBackoff) {
        return new ProbeOptions(maxConnections, connectTimeout, probeTimeout, scanTimeout, retries, firstBackoff,
                maxSuitesPerHello, limits);
    }

    /** The same options with another per-probe timeout. */
    public ProbeOptions withProbeTimeout(Duration timeout) {
        return new ProbeOptions(maxConnections, connectTimeout, timeout, scanTimeout, maxRetries, backoff,
                maxSuitesPerHello, limits);
    }
}
