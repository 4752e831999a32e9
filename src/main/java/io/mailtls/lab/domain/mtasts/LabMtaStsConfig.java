package io.mailtls.lab.domain.mtasts;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a {@link LabMtaSts}.
 *
 * @param bindAddress    the loopback address of the policy host
 * @param port           the HTTPS port; 0 picks a free one
 * @param readTimeout    the longest wait for the handshake and the request head
 * @param stall          how long a {@link PolicyFault#STALL} domain keeps a connection open without answering
 * @param oversizeBytes  the body size a {@link PolicyFault#OVERSIZED} domain sends
 * @param maxConnections connections served at once; more are closed at once
 */
public record LabMtaStsConfig(InetAddress bindAddress, int port, Duration readTimeout, Duration stall,
                              long oversizeBytes, int maxConnections) {

    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    /** Longer than any sane fetch deadline, so the fetcher's own limit is what ends the wait. */
    public static final Duration DEFAULT_STALL = Duration.ofMinutes(2);
    public static final long DEFAULT_OVERSIZE = 10L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 128;

    public LabMtaStsConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (!bindAddress.isLoopbackAddress()) {
            throw new IllegalArgumentException("the lab policy host listens on loopback only, not "
                    + bindAddress.getHostAddress());
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        requirePositive("readTimeout", readTimeout);
        requirePositive("stall", stall);
        if (oversizeBytes < 1 || oversizeBytes > 1024L * 1024 * 1024) {
            throw new IllegalArgumentException("oversizeBytes must be 1 byte .. 1 GiB");
        }
        if (maxConnections < 1 || maxConnections > 10_000) {
            throw new IllegalArgumentException("maxConnections must be 1..10000");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** 127.0.0.1, a free port, default bounds. */
    public static LabMtaStsConfig defaults() {
        return new LabMtaStsConfig(InetAddress.getLoopbackAddress(), 0, DEFAULT_READ_TIMEOUT, DEFAULT_STALL,
                DEFAULT_OVERSIZE, DEFAULT_MAX_CONNECTIONS);
    }

    public LabMtaStsConfig withBindAddress(InetAddress value) {
        return new LabMtaStsConfig(value, port, readTimeout, stall, oversizeBytes, maxConnections);
    }

    public LabMtaStsConfig withPort(int value) {
        return new LabMtaStsConfig(bindAddress, value, readTimeout, stall, oversizeBytes, maxConnections);
    }

    public LabMtaStsConfig withStall(Duration value) {
        return new LabMtaStsConfig(bindAddress, port, readTimeout, value, oversizeBytes, maxConnections);
    }

    public LabMtaStsConfig withOversizeBytes(long value) {
        return new LabMtaStsConfig(bindAddress, port, readTimeout, stall, value, maxConnections);
    }
}
