package io.mailtls.dns;

import java.util.List;

/**
 * Where a domain's mail goes, as DNS says.
 *
 * @param domain          the domain asked about
 * @param kind            what the MX lookup means
 * @param mx              the MX lookup itself (outcome, DNSSEC status, records)
 * @param hosts           the mail hosts in preference order (one implicit host for {@link MxKind#IMPLICIT})
 * @param domainAddresses the domain's own address lookups, made when it has no MX records; else null
 * @param nullMxMixed     true when a null MX ({@code .}) stands beside other MX records (RFC 7505 §3)
 * @param hostsCapped     true when there were more than {@link MxResolver#MAX_HOSTS} hosts and the rest were not resolved
 */
public record MxFacts(String domain, MxKind kind, DnsAnswer<MxRecord> mx, List<MxHost> hosts,
                      Addresses domainAddresses, boolean nullMxMixed, boolean hostsCapped) {
    public MxFacts {
        hosts = List.copyOf(hosts);
    }
}
