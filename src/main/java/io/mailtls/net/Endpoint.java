package io.mailtls.net;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * One address and port to test.
 *
 * @param host         the name the user or the MX record gave (or the literal)
 * @param address      the resolved address to connect to, or null when the name did not resolve
 * @param port         the TCP port
 * @param mode         STARTTLS or implicit TLS
 * @param mxPreference the MX preference when this endpoint came from an MX record, else null
 */
public record Endpoint(String host, InetAddress address, int port, Mode mode, Integer mxPreference) {

    /** {@code address:port} as used in findings, with brackets for IPv6. */
    public String hostPort() {
        return hostPort(address == null ? host : addressText(), port);
    }

    /** Formats a host and port, bracketing IPv6 literals. */
    public static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The address without any scope suffix, for display. */
    public String addressText() {
        if (address == null) {
            return null;
        }
        String a = address.getHostAddress();
        return address instanceof Inet6Address && a.contains("%") ? a.substring(0, a.indexOf('%')) : a;
    }
}
