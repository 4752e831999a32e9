package io.mailtls.tls.probe;

import io.mailtls.tls.wire.ServerKeyExchange;
import io.mailtls.tls.wire.ServerResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Facts gathered for free from every TLS 1.2-or-earlier ServerHello a scan sees: secure renegotiation,
 * compression, heartbeat, and the key exchange parameters of DHE and ECDHE suites.
 */
final class HelloFacts {
    private int withRenegotiationInfo;
    private int withoutRenegotiationInfo;
    private boolean compression;
    private boolean heartbeat;
    private int legacyHellos;
    private Integer minDhBits;
    private final Set<Integer> curves = new LinkedHashSet<>();

    synchronized void observe(ServerResponse response) {
        if (!(response instanceof ServerResponse.Hello hello) || hello.serverHello().version() > 0x0303) {
            return;
        }
        legacyHellos++;
        var sh = hello.serverHello();
        if (sh.secureRenegotiation()) {
            withRenegotiationInfo++;
        } else {
            withoutRenegotiationInfo++;
        }
        compression |= sh.compressionMethod() != 0;
        heartbeat |= sh.heartbeatMode().isPresent();
        hello.keyExchange().ifPresent(kx -> {
            switch (kx) {
                case ServerKeyExchange.Dhe dhe -> minDhBits = minDhBits == null
                        ? dhe.primeBits() : Math.min(minDhBits, dhe.primeBits());
                case ServerKeyExchange.Ecdhe ec -> curves.add(ec.group());
                default -> {
                    // RSA export keys and others are judged from the suite itself.
                }
            }
        });
    }

    /** True when every TLS 1.2-or-earlier ServerHello carried renegotiation_info; null with none seen. */
    synchronized Boolean secureRenegotiation() {
        if (legacyHellos == 0) {
            return null;
        }
        return withoutRenegotiationInfo == 0 && withRenegotiationInfo > 0;
    }

    synchronized Boolean compression() {
        return legacyHellos == 0 ? null : compression;
    }

    synchronized Boolean heartbeat() {
        return legacyHellos == 0 ? null : heartbeat;
    }

    synchronized Integer minDhBits() {
        return minDhBits;
    }

    synchronized List<Integer> curves() {
        return List.copyOf(curves);
    }
}
