package io.mailtls.scan;

import java.time.Duration;

/**
 * How a bulk scan runs: how much at once, how politely towards each server, how long a target may take.
 *
 * @param concurrency    targets checked at once (the global limit)
 * @param perAddress     endpoint conversations at once with one IP address, across all targets of the scan
 * @param retries        further attempts for an endpoint that answered "come back later" or dropped us
 * @param retryDelay     the wait before the first retry; it doubles for each further one
 * @param targetDeadline the longest one target may take, waits for shared endpoints and retries included
 * @param transcript     include each endpoint's transcript in the JSON lines
 * @param hostOnly       treat bare names as one host on port 25 ({@code --host}), not as mail domains
 * @param endpointCache  endpoint results kept for sharing between targets (least recently used go first)
 * @param dnsCache       DNS answers kept for sharing between targets
 */
public record ScanSettings(int concurrency, int perAddress, int retries, Duration retryDelay, Duration targetDeadline,
                           boolean transcript, boolean hostOnly, int endpointCache, int dnsCache) {
    /** The upper bound of {@link #concurrency}: beyond it the machine runs out of sockets before targets. */
    public static final int MAX_CONCURRENCY = 10_000;
    /** Default number of endpoint results kept: plenty for the hot MX hosts of a large list. */
    public static final int DEFAULT_ENDPOINT_CACHE = 4_096;
    /**
     * Default number of DNS answers kept: the shared ones (the MX hosts' addresses and TLSA records) stay, being used
     * again and again; a domain's own MX and TXT answers, never asked twice, are the first to go.
     */
    public static final int DEFAULT_DNS_CACHE = 10_000;

    public ScanSettings {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1 to " + MAX_CONCURRENCY + ", got " + concurrency);
        }
        if (perAddress < 1 || perAddress > 64) {
            throw new IllegalArgumentException("connections per address must be 1 to 64, got " + perAddress);
        }
        if (retries < 0 || retries > 5) {
            throw new IllegalArgumentException("retries must be 0 to 5, got " + retries);
        }
        if (retryDelay.isNegative() || targetDeadline.isNegative() || targetDeadline.isZero()) {
            throw new IllegalArgumentException("delays must be positive");
        }
        if (endpointCache < 1 || dnsCache < 1) {
            throw new IllegalArgumentException("caches must hold at least one entry");
        }
    }

    /** Defaults for {@code concurrency} targets at once, each endpoint given {@code endpointDeadline}. */
    public static ScanSettings defaults(int concurrency, Duration endpointDeadline) {
        Duration retryDelay = Duration.ofSeconds(5);
        int retries = 2;
        return new ScanSettings(concurrency, 2, retries, retryDelay,
                defaultDeadline(endpointDeadline, retries, retryDelay), false, false, DEFAULT_ENDPOINT_CACHE,
                DEFAULT_DNS_CACHE);
    }

    /**
     * Room for the DNS lookups, every attempt at an endpoint and the waits between them: a target that hits this
     * limit is stuck, not slow.
     */
    public static Duration defaultDeadline(Duration endpointDeadline, int retries, Duration retryDelay) {
        Duration waits = retryDelay.multipliedBy((1L << retries) - 1).multipliedBy(5).dividedBy(4);
        return endpointDeadline.multipliedBy(retries + 1L).plus(waits).plus(Duration.ofSeconds(30));
    }

    /** The same settings with another concurrency. */
    public ScanSettings withConcurrency(int n) {
        return new ScanSettings(n, perAddress, retries, retryDelay, targetDeadline, transcript, hostOnly,
                endpointCache, dnsCache);
    }

    /** The same settings with other retry rules. */
    public ScanSettings withRetries(int n, Duration delay) {
        return new ScanSettings(concurrency, perAddress, n, delay, targetDeadline, transcript, hostOnly,
                endpointCache, dnsCache);
    }

    /** The same settings with another per-target deadline. */
    public ScanSettings withTargetDeadline(Duration d) {
        return new ScanSettings(concurrency, perAddress, retries, retryDelay, d, transcript, hostOnly, endpointCache,
                dnsCache);
    }

    /** The same settings with another per-address limit. */
    public ScanSettings withPerAddress(int n) {
        return new ScanSettings(concurrency, n, retries, retryDelay, targetDeadline, transcript, hostOnly,
                endpointCache, dnsCache);
    }

    /** The same settings with transcripts in the output on or off. */
    public ScanSettings withTranscript(boolean on) {
        return new ScanSettings(concurrency, perAddress, retries, retryDelay, targetDeadline, on, hostOnly,
                endpointCache, dnsCache);
    }

    /** The same settings treating bare names as hosts (or as domains). */
    public ScanSettings withHostOnly(boolean on) {
        return new ScanSettings(concurrency, perAddress, retries, retryDelay, targetDeadline, transcript, on,
                endpointCache, dnsCache);
    }
}
