package io.mailtls.lab.domain.dns;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a {@link LabDns}.
 *
 * @param bindAddress       the loopback address for UDP and TCP
 * @param port              the port for both; 0 picks a free one
 * @param trustAnchorFile   where to write the DS trust anchor; a directory gets {@value LabDns#ANCHOR_FILE_NAME};
 *                          null means a temporary directory removed on close
 * @param tcpIdleTimeout    a TCP client silent this long is disconnected
 * @param maxTcpConnections TCP connections served at once; more are closed at once
 * @param presign           sign every RRset of the signed zone at start, as a real authoritative server serves a
 *                          zone signed beforehand; otherwise each RRset is signed when first asked for (a large lab
 *                          starts at once, but its first answers cost a signature each, on the serving thread)
 */
public record LabDnsConfig(InetAddress bindAddress, int port, Path trustAnchorFile, Duration tcpIdleTimeout,
                           int maxTcpConnections, boolean presign) {

    public static final Duration DEFAULT_TCP_IDLE = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_TCP = 256;

    public LabDnsConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (!bindAddress.isLoopbackAddress()) {
            throw new IllegalArgumentException("the lab DNS listens on loopback only, not "
                    + bindAddress.getHostAddress());
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (tcpIdleTimeout == null || tcpIdleTimeout.isNegative() || tcpIdleTimeout.isZero()) {
            throw new IllegalArgumentException("tcpIdleTimeout must be positive");
        }
        if (maxTcpConnections < 1 || maxTcpConnections > 10_000) {
            throw new IllegalArgumentException("maxTcpConnections must be 1..10000");
        }
    }

    /** 127.0.0.1, a free port, a temporary anchor file, default bounds. */
    public static LabDnsConfig defaults() {
        return new LabDnsConfig(InetAddress.getLoopbackAddress(), 0, null, DEFAULT_TCP_IDLE, DEFAULT_MAX_TCP, false);
    }

    public LabDnsConfig withPort(int value) {
        return new LabDnsConfig(bindAddress, value, trustAnchorFile, tcpIdleTimeout, maxTcpConnections, presign);
    }

    public LabDnsConfig withBindAddress(InetAddress value) {
        return new LabDnsConfig(value, port, trustAnchorFile, tcpIdleTimeout, maxTcpConnections, presign);
    }

    public LabDnsConfig withTrustAnchorFile(Path value) {
        return new LabDnsConfig(bindAddress, port, value, tcpIdleTimeout, maxTcpConnections, presign);
    }

    public LabDnsConfig withTcpIdleTimeout(Duration value) {
        return new LabDnsConfig(bindAddress, port, trustAnchorFile, value, maxTcpConnections, presign);
    }

    public LabDnsConfig withMaxTcpConnections(int value) {
        return new LabDnsConfig(bindAddress, port, trustAnchorFile, tcpIdleTimeout, value, presign);
    }

    public LabDnsConfig withPresign(boolean value) {
        return new LabDnsConfig(bindAddress, port, trustAnchorFile, tcpIdleTimeout, maxTcpConnections, value);
    }
}
