package io.mailtls.audit;

import io.mailtls.cert.TrustAnchors;
import java.time.Duration;

/**
 * How to check: the names to use and expect, trust, and time limits.
 *
 * @param ehloName   the name sent in EHLO
 * @param expectName the name the certificate must match, or null for the target host name
 * @param sni        the SNI to send, or null for the expected name (none for an IP literal)
 * @param anchors    trust anchors for certificate validation
 * @param step       limit for each network step
 * @param deadline   limit for one whole endpoint
 * @param ipv4       use IPv4 addresses
 * @param ipv6       use IPv6 addresses
 * @param deep       also run the raw-probe enumeration and the SMTP security probes
 * @param maxConnections connections at once to one server during deep probes
 * @param domain     how domains are looked up
 */
public record CheckOptions(String ehloName, String expectName, String sni, TrustAnchors anchors, Duration step,
                           Duration deadline, boolean ipv4, boolean ipv6, boolean deep, int maxConnections,
                           DomainOptions domain) {

    /** Options with the real-world domain defaults. */
    public CheckOptions(String ehloName, String expectName, String sni, TrustAnchors anchors, Duration step,
                        Duration deadline, boolean ipv4, boolean ipv6, boolean deep, int maxConnections) {
        this(ehloName, expectName, sni, anchors, step, deadline, ipv4, ipv6, deep, maxConnections, DomainOptions.DEFAULT);
    }

    /** The basic check (no deep probes). */
    public CheckOptions(String ehloName, String expectName, String sni, TrustAnchors anchors, Duration step,
                        Duration deadline, boolean ipv4, boolean ipv6) {
        this(ehloName, expectName, sni, anchors, step, deadline, ipv4, ipv6, false, 3);
    }

    /** The same options with deep probes on or off. */
    public CheckOptions withDeep(boolean on) {
        return new CheckOptions(ehloName, expectName, sni, anchors, step, deadline, ipv4, ipv6, on, maxConnections,
                domain);
    }

    /** The same options with other domain lookup settings. */
    public CheckOptions withDomain(DomainOptions d) {
        return new CheckOptions(ehloName, expectName, sni, anchors, step, deadline, ipv4, ipv6, deep, maxConnections, d);
    }

    /** The greeting may legitimately be slow (greet pauses, postscreen): allow three steps for it. */
    public Duration greetingLimit() {
        return step.multipliedBy(3);
    }
}
