package io.mailtls.lab;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to start a {@link Lab}: which scenarios on which loopback ports, where the root CA goes,
 * and the bounds every session lives within. Immutable; the {@code with...} methods copy.
 *
 * @param ports            scenario to port, in serving order; port 0 asks for an ephemeral port
 * @param bindAddress      the loopback address every endpoint listens on
 * @param caFile           where to write the root CA (PEM); a directory gets {@code lab-ca.pem};
 *                         null means a fresh temporary directory, removed when the lab closes
 * @param greetingDelay    how long {@code slow-greeting} waits before its 220
 * @param dripDelay        the pause between bytes in {@code drip}
 * @param idleTimeout      a session waiting longer than this for a command gets 421 and is closed
 * @param handshakeTimeout the longest a TLS handshake may take
 * @param sessionLifetime  the longest any session may exist, even one blocked writing to a client
 *                         that stopped reading
 * @param maxSessions      concurrent sessions per endpoint; further connections get 421 and close
 * @param maxMessageBytes  the SIZE limit; a larger message gets 552
 * @param sessionListener  told about every finished session (for the command's log); may be null
 */
public record LabConfig(Map<Scenario, Integer> ports, InetAddress bindAddress, Path caFile,
                        Duration greetingDelay, Duration dripDelay, Duration idleTimeout,
                        Duration handshakeTimeout, Duration sessionLifetime, int maxSessions,
                        int maxMessageBytes, Consumer<SessionRecord> sessionListener) {

    /** {@code GREETING_SLOW} means over 5 s, so the default delay is clearly beyond it. */
    public static final Duration DEFAULT_GREETING_DELAY = Duration.ofSeconds(6);
    public static final Duration DEFAULT_DRIP_DELAY = Duration.ofMillis(10);
    /** RFC 5321 section 4.5.3.2.7: a server should wait at least 5 minutes for the next command. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_SESSIONS = 256;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

    private static final int MAX_SESSIONS_LIMIT = 10_000;
    private static final int MAX_MESSAGE_LIMIT = 64 * 1024 * 1024;

    public LabConfig {
        Objects.requireNonNull(ports, "ports");
        ports.forEach((scenario, port) -> {
            Objects.requireNonNull(scenario, "scenario");
            if (port == null || port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port for " + scenario + " must be 0..65535, not " + port);
            }
        });
        ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (!bindAddress.isLoopbackAddress()) {
            throw new IllegalArgumentException("the lab listens on loopback only, not " + bindAddress.getHostAddress());
        }
        requireNonNegative("greetingDelay", greetingDelay);
        requireNonNegative("dripDelay", dripDelay);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("handshakeTimeout", handshakeTimeout);
        requirePositive("sessionLifetime", sessionLifetime);
        if (maxSessions < 1 || maxSessions > MAX_SESSIONS_LIMIT) {
            throw new IllegalArgumentException("maxSessions must be 1.." + MAX_SESSIONS_LIMIT + ", not " + maxSessions);
        }
        if (maxMessageBytes < 1 || maxMessageBytes > MAX_MESSAGE_LIMIT) {
            throw new IllegalArgumentException("maxMessageBytes must be 1.." + MAX_MESSAGE_LIMIT);
        }
    }

    /** The given scenarios on ephemeral ports, with default bounds. */
    public static LabConfig of(Scenario... scenarios) {
        Map<Scenario, Integer> ports = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            ports.put(scenario, 0);
        }
        return new LabConfig(ports, InetAddress.getLoopbackAddress(), null, DEFAULT_GREETING_DELAY,
                DEFAULT_DRIP_DELAY, DEFAULT_IDLE_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_SESSION_LIFETIME,
                DEFAULT_MAX_SESSIONS, DEFAULT_MAX_MESSAGE_BYTES, null);
    }

    /** Every scenario, in contract order, on ephemeral ports. */
    public static LabConfig all() {
        return of(Scenario.values());
    }

    /** Every scenario, in contract order, on consecutive ports from {@code portBase}. */
    public static LabConfig all(int portBase) {
        List<Scenario> scenarios = List.of(Scenario.values());
        if (portBase < 1 || portBase + scenarios.size() - 1 > 65_535) {
            throw new IllegalArgumentException("port base " + portBase + " leaves no room for "
                    + scenarios.size() + " ports below 65536");
        }
        LabConfig config = of();
        for (int i = 0; i < scenarios.size(); i++) {
            config = config.withPort(scenarios.get(i), portBase + i);
        }
        return config;
    }

    /** This config also serving {@code scenario} on {@code port} (replacing an earlier port). */
    public LabConfig withPort(Scenario scenario, int port) {
        Map<Scenario, Integer> copy = new LinkedHashMap<>(ports);
        copy.put(scenario, port);
        return new LabConfig(copy, bindAddress, caFile, greetingDelay, dripDelay, idleTimeout, handshakeTimeout,
                sessionLifetime, maxSessions, maxMessageBytes, sessionListener);
    }

    public LabConfig withBindAddress(InetAddress value) {
        return new LabConfig(ports, value, caFile, greetingDelay, dripDelay, idleTimeout, handshakeTimeout,
                sessionLifetime, maxSessions, maxMessageBytes, sessionListener);
    }

    public LabConfig withCaFile(Path value) {
        return new LabConfig(ports, bindAddress, value, greetingDelay, dripDelay, idleTimeout, handshakeTimeout,
                sessionLifetime, maxSessions, maxMessageBytes, sessionListener);
    }

    public LabConfig withGreetingDelay(Duration value) {
        return new LabConfig(ports, bindAddress, caFile, value, dripDelay, idleTimeout, handshakeTimeout,
                sessionLifetime, maxSessions, maxMessageBytes, sessionListener);
    }

    public LabConfig withDripDelay(Duration value) {
        return new LabConfig(ports, bindAddress, caFile, greetingDelay, value, idleTimeout, handshakeTimeout,
                sessionLifetime, maxSessions, maxMessageBytes, sessionListener);
    }

    public LabConfig withIdleTimeout(Duration value) {
        return new LabConfig(ports, bindAddress, caFile, greetingDelay, dripDelay, value, handshakeTimeout,
                sessionLifetime, maxSessions, maxMessageBytes, sessionListener);
    }

    public LabConfig withHandshakeTimeout(Duration value) {
        return new LabConfig(ports, bindAddress, caFile, greetingDelay, dripDelay, idleTimeout, value,
                sessionLifetime, maxSessions, maxMessageBytes, sessionListener);
    }

    public LabConfig withSessionLifetime(Duration value) {
        return new LabConfig(ports, bindAddress, caFile, greetingDelay, dripDelay, idleTimeout, handshakeTimeout,
                value, maxSessions, maxMessageBytes, sessionListener);
    }

    public LabConfig withMaxSessions(int value) {
        return new LabConfig(ports, bindAddress, caFile, greetingDelay, dripDelay, idleTimeout, handshakeTimeout,
                sessionLifetime, value, maxMessageBytes, sessionListener);
    }

    public LabConfig withMaxMessageBytes(int value) {
        return new LabConfig(ports, bindAddress, caFile, greetingDelay, dripDelay, idleTimeout, handshakeTimeout,
                sessionLifetime, maxSessions, value, sessionListener);
    }

    public LabConfig withSessionListener(Consumer<SessionRecord> value) {
        return new LabConfig(ports, bindAddress, caFile, greetingDelay, dripDelay, idleTimeout, handshakeTimeout,
                sessionLifetime, maxSessions, maxMessageBytes, value);
    }

    private static void requireNonNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    private static void requirePositive(String name, Duration value) {
        requireNonNegative(name, value);
        if (value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
