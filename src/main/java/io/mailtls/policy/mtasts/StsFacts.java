package io.mailtls.policy.mtasts;

import java.util.List;

/**
 * Everything found about a domain's MTA-STS: the TXT record, the policy fetch, the parsed policy,
 * and which MX hosts it covers.
 *
 * @param domain   the policy domain
 * @param record   the {@code _mta-sts} TXT lookup and its verdict
 * @param fetch    the policy fetch, or null when not attempted (no TXT record)
 * @param policy   the parsed policy, or null when no body was fetched
 * @param coverage the domain's MX hosts against the policy's patterns (empty without a policy)
 */
public record StsFacts(String domain, StsRecordResult record, PolicyFetch fetch, StsPolicyResult policy,
                       List<StsMxCoverage> coverage) {
    public StsFacts {
        coverage = List.copyOf(coverage);
    }

    /** The DNS name of the TXT record. */
    public static String recordName(String domain) {
        return "_mta-sts." + domain;
    }

    /** True when senders would apply a policy: valid record, fetched, valid policy, mode not none. */
    public boolean active() {
        return record.status() == StsRecordStatus.VALID && fetch != null && fetch.ok() && policy != null
                && policy.valid() && policy.policy().mode() != StsMode.NONE;
    }
}
