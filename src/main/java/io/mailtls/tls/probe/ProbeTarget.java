package io.mailtls.tls.probe;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint to probe.
 *
 * @param host     the host name, for notes and as the default SNI
 * @param address  the address to connect to
 * @param port     the TCP port
 * @param sni      the server_name to send, empty for none
 * @param preamble what to say before each ClientHello
 */
public record ProbeTarget(String host, InetAddress address, int port, Optional<String> sni, Preamble preamble) {
    public ProbeTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(sni, "sni");
        Objects.requireNonNull(preamble, "preamble");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    /** {@code host:port} for notes. */
    public String endpoint() {
        return host + ":" + port;
    }
}
