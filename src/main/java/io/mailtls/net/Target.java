package io.mailtls.net;

/**
 * A parsed command-line target.
 *
 * @param original     what the user typed
 * @param host         host name or IP literal, without brackets
 * @param port         the TCP port
 * @param mode         STARTTLS or implicit TLS
 * @param endpointOnly true when the target names one endpoint (explicit port, IP literal, scheme)
 *                     rather than a mail domain whose MX hosts are to be found
 */
public record Target(String original, String host, int port, Mode mode, boolean endpointOnly) {

    /** True when the host is an IPv4 or IPv6 literal. */
    public boolean isIpLiteral() {
        return TargetParser.isIpLiteral(host);
    }

    /** This target as one host on its port, without MX lookup ({@code --host}). */
    public Target asHost() {
        return new Target(original, host, port, mode, true);
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    public String hostPort() {
        return Endpoint.hostPort(host, port);
    }
}
