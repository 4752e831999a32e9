package io.mailtls.tls.probe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a deep probe, shaped like the contract's JSON {@code probe} object (component names
 * become its keys in snake case: {@code server_order}, {@code dh_bits}...). A null value means the
 * probe could not determine it; {@code inconclusive} says why.
 *
 * @param protocols           protocol name ({@code SSLv2} ... {@code TLSv1.3}) to supported; null values
 *                            for undetermined versions
 * @param ciphers             protocol name to IANA suite names, in the server's order when it imposes one
 * @param serverOrder         whether the server imposes its suite order
 * @param groups              the key exchange groups, in the server's order of choice
 * @param dhBits              the smallest finite-field DH prime seen, in bits
 * @param secureRenegotiation whether the server supports RFC 5746 secure renegotiation
 * @param compression         whether the server accepts TLS compression (CRIME)
 * @param heartbeat           whether the server offers the heartbeat extension
 * @param connections         the connections the probe opened
 * @param elapsedMillis       how long the probe took
 * @param inconclusive        what could not be determined, and why
 * @param anomalies           odd facts: a suite chosen that was never offered, a version answered with another
 */
public record TlsProfile(Map<String, Boolean> protocols, Map<String, List<String>> ciphers, Boolean serverOrder,
        List<String> groups, Integer dhBits, Boolean secureRenegotiation, Boolean compression, Boolean heartbeat,
        int connections, long elapsedMillis, List<String> inconclusive, List<String> anomalies) {

    public TlsProfile {
        // LinkedHashMap keeps SSLv2..TLSv1.3 order and allows the null of "undetermined".
        protocols = Collections.unmodifiableMap(new LinkedHashMap<>(protocols));
        Map<String, List<String>> c = new LinkedHashMap<>();
        ciphers.forEach((k, v) -> c.put(k, List.copyOf(v)));
        ciphers = Collections.unmodifiableMap(c);
        groups = List.copyOf(groups);
        inconclusive = List.copyOf(inconclusive);
        anomalies = List.copyOf(anomalies);
    }
}
