package io.mailtls.policy.tlsrpt;

import io.mailtls.dns.DnsAnswer;
import io.mailtls.dns.TxtRecord;
import io.mailtls.policy.Problem;
import java.util.List;

/**
 * A domain's TLS reporting setup as found.
 *
 * @param domain     the policy domain
 * @param txt        the {@code _smtp._tls.DOMAIN} TXT lookup, or null when parsed from text alone
 * @param status     the verdict
 * @param candidates the records that start with {@code v=TLSRPTv1} (or nearly: wrong case), as displayed
 * @param record     the parsed record when {@code status} is VALID, else null
 * @param problems   every problem found, errors and warnings
 */
public record TlsRptFacts(String domain, DnsAnswer<TxtRecord> txt, TlsRptStatus status, List<String> candidates,
                          TlsRptRecord record, List<Problem> problems) {
    public TlsRptFacts {
        candidates = List.copyOf(candidates);
        problems = List.copyOf(problems);
    }

    /** The DNS name the record lives at. */
    public static String recordName(String domain) {
        return "_smtp._tls." + domain;
    }
}
