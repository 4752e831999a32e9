package io.mailtls.web;

import io.mailtls.audit.CheckOptions;
import java.util.Objects;

/**
 * How {@code mailtls serve} runs.
 *
 * @param bind            the address to listen on
 * @param port            the TCP port (0: any free port)
 * @param allowPrivate    also check loopback, private and other special-purpose addresses, on any port
 * @param options         the engine's settings for every check (EHLO name, trust anchors, time limits)
 * @param maxConcurrent   checks running at once; more are refused with 503
 * @param checksPerMinute checks one client may start per minute; more are refused with 429
 * @param maxRecent       checks remembered in memory for the list and the API
 * @param resolver        the DNS resolver asked once per check
 */
public record WebSettings(String bind, int port, boolean allowPrivate, CheckOptions options, int maxConcurrent,
                          int checksPerMinute, int maxRecent, Resolver resolver) {
    public WebSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(resolver, "resolver");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (maxConcurrent < 1 || checksPerMinute < 1 || maxRecent < maxConcurrent) {
            throw new IllegalArgumentException("limits must be positive, and maxRecent at least maxConcurrent");
        }
    }

    /** Loopback on port 8080, public targets only, 4 checks at once, 10 a minute per client, 100 remembered. */
    public static WebSettings defaults(CheckOptions options) {
        return new WebSettings("127.0.0.1", 8080, false, options, 4, 10, 100, Resolver.SYSTEM);
    }

    public WebSettings withListen(String bindAddress, int listenPort) {
        return new WebSettings(bindAddress, listenPort, allowPrivate, options, maxConcurrent, checksPerMinute, maxRecent, resolver);
    }

    public WebSettings withAllowPrivate(boolean value) {
        return new WebSettings(bind, port, value, options, maxConcurrent, checksPerMinute, maxRecent, resolver);
    }

    public WebSettings withLimits(int concurrent, int perMinute) {
        return new WebSettings(bind, port, allowPrivate, options, concurrent, perMinute, Math.max(maxRecent, concurrent), resolver);
    }

    public WebSettings withResolver(Resolver value) {
        return new WebSettings(bind, port, allowPrivate, options, maxConcurrent, checksPerMinute, maxRecent, value);
    }
}
