package io.mailtls.tls.jsse;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a completed JDK handshake negotiated.
 *
 * @param protocol    contract name ({@code TLSv1.3}, {@code TLSv1.0}...)
 * @param cipher      IANA cipher-suite name
 * @param group       key-exchange group ({@code x25519}, {@code secp256r1}, {@code DH 1024}), or null when the
 *                    suite has none (static RSA) or it could not be seen
 * @param dhBits      finite-field DH prime size in bits, or null
 * @param chain       the certificates exactly as the server sent them, leaf first
 * @param handshakeMs how long the handshake took
 */
public record TlsSessionFacts(String protocol, String cipher, String group, Integer dhBits,
                              List<X509Certificate> chain, long handshakeMs) {
    public TlsSessionFacts {
        chain = List.copyOf(chain);
    }
}
