package io.mailtls.tls.jsse;

import io.mailtls.net.Failure;
import javax.net.ssl.SSLSocket;

/** The outcome of one full JDK handshake: a live TLS socket with its facts, or a classified failure. */
public sealed interface HandshakeResult {

    /** The handshake completed; {@code socket} carries the rest of the conversation. */
    record Established(SSLSocket socket, TlsSessionFacts facts) implements HandshakeResult {
    }

    /** The handshake failed; {@code failure} says how. */
    record Failed(Failure failure) implements HandshakeResult {
    }
}
