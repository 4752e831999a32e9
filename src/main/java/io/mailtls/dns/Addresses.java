package io.mailtls.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The A and AAAA lookups of one host name, kept apart so each keeps its own outcome.
 *
 * @param host the host name asked for
 * @param ipv4 the A lookup
 * @param ipv6 the AAAA lookup
 */
public record Addresses(String host, DnsAnswer<InetAddress> ipv4, DnsAnswer<InetAddress> ipv6) {
    /** Every address, IPv4 first. */
    public List<InetAddress> all() {
        var all = new ArrayList<InetAddress>(ipv4.records());
        all.addAll(ipv6.records());
        return List.copyOf(all);
    }

    /** True when at least one address was found. */
    public boolean exists() {
        return !ipv4.records().isEmpty() || !ipv6.records().isEmpty();
    }

    /** True when both lookups answered definitely (so "no address" is a fact, not a failure). */
    public boolean conclusive() {
        return ipv4.outcome().conclusive() && ipv6.outcome().conclusive();
    }

    /** The worse DNSSEC status of the two lookups. */
    public DnssecStatus dnssec() {
        return ipv4.dnssec().worst(ipv6.dnssec());
    }

    /** The CNAME targets followed for this host (from the A lookup, else the AAAA lookup). */
    public List<String> aliases() {
        return ipv4.aliases().isEmpty() ? ipv6.aliases() : ipv4.aliases();
    }

    /** Two lines of evidence, one per lookup. */
    public String summary() {
        return ipv4.summary() + "; " + ipv6.summary();
    }
}
