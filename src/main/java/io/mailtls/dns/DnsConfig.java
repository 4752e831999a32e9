package io.mailtls.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach DNS: which server, how long to wait, which DNSSEC trust anchors.
 *
 * @param server  the recursive resolver to ask; empty means the system's first configured one
 * @param timeout the limit for one query; one lookup (with its DNSKEY/DS chain) gets {@link #lookupDeadline()}
 * @param anchors the DNSSEC trust anchors
 */
public record DnsConfig(Optional<InetSocketAddress> server, Duration timeout, TrustAnchors anchors) {
    /** The default limit for one query. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public DnsConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(anchors, "anchors");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout must be positive, got " + timeout);
        }
    }

    /** The system's resolver, the default timeout, and the root's trust anchors. */
    public static DnsConfig defaults() {
        return new DnsConfig(Optional.empty(), DEFAULT_TIMEOUT, TrustAnchors.root());
    }

    /** The same configuration with another server. */
    public DnsConfig withServer(InetSocketAddress address) {
        return new DnsConfig(Optional.of(address), timeout, anchors);
    }

    /** The same configuration with another per-query timeout. */
    public DnsConfig withTimeout(Duration perQuery) {
        return new DnsConfig(server, perQuery, anchors);
    }

    /** The same configuration with other trust anchors. */
    public DnsConfig withAnchors(TrustAnchors trustAnchors) {
        return new DnsConfig(server, timeout, trustAnchors);
    }

    /**
     * The limit for one whole lookup. Validation may need a DS and a DNSKEY query per zone cut
     * before the answer can be judged, so a lookup gets several query timeouts.
     */
    public Duration lookupDeadline() {
        return timeout.multipliedBy(4);
    }

    /**
     * Parses {@code HOST[:PORT]} as given to {@code --resolver}: {@code 127.0.0.1}, {@code 127.0.0.1:5353},
     * {@code ::1}, {@code [::1]:53}, {@code dns.example:53}. The port defaults to 53.
     *
     * @throws IllegalArgumentException with a one-line message when the text is not usable
     */
    public static InetSocketAddress parseServer(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("resolver address is empty");
        }
        String s = text.strip();
        String host;
        int port = 53;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("resolver address '" + s + "' lacks the closing ']'");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("resolver address '" + s + "': expected ':PORT' after ']'");
                }
                port = parsePort(rest.substring(1), s);
            }
        } else if (s.indexOf(':') != s.lastIndexOf(':')) {
            host = s; // a bare IPv6 address: several colons, no port
        } else if (s.indexOf(':') >= 0) {
            host = s.substring(0, s.indexOf(':'));
            port = parsePort(s.substring(s.indexOf(':') + 1), s);
        } else {
            host = s;
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("resolver address '" + s + "' has no host");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("resolver host '" + host + "' cannot be resolved");
        }
    }

    private static int parsePort(String digits, String whole) {
        try {
            int port = Integer.parseInt(digits);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("resolver address '" + whole + "': port must be 1..65535");
        }
    }
}
