package io.mailtls.audit;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * How to look up a domain: which DNS server and trust anchors, and the ports its MX and policy hosts answer on.
 *
 * @param resolver    the DNS server to ask, or null for the system's
 * @param trustAnchor DNSSEC trust anchors file, or null for the root's
 * @param mxPort      the port MX hosts are contacted on (25; another for labs and tests)
 * @param policyPort  the HTTPS port of the MTA-STS policy host (443; another for labs and tests)
 */
public record DomainOptions(InetSocketAddress resolver, Path trustAnchor, int mxPort, int policyPort) {
    /** The real-world defaults. */
    public static final DomainOptions DEFAULT = new DomainOptions(null, null, 25, 443);
}
