package io.mailtls.policy.mtasts;

import io.mailtls.dns.DnsClient;
import io.mailtls.dns.DnsNames;
import io.mailtls.policy.Problem;
import java.util.ArrayList;
import java.util.List;

/** Finds a domain's MTA-STS: TXT record, then (unless there is none) the policy over HTTPS. */
public final class MtaStsDiscovery {
    private final DnsClient dns;
    private final StsPolicyFetcher fetcher;

    public MtaStsDiscovery(DnsClient dns, StsPolicyFetcher fetcher) {
        this.dns = dns;
        this.fetcher = fetcher;
    }

    /**
     * Discovers {@code domain}'s MTA-STS and matches {@code mxHosts} against it. The policy is
     * fetched even when the TXT record is broken, because the fix depends on both halves.
     */
    public StsFacts discover(String domain, List<String> mxHosts) {
        String name = DnsNames.display(domain);
        StsRecordResult record = StsRecordParser.evaluate(dns.txt(StsFacts.recordName(name)));
        if (record.status() == StsRecordStatus.NONE) {
            return new StsFacts(name, record, null, null, List.of());
        }
        PolicyFetch fetch = fetcher.fetch(name);
        if (!fetch.ok()) {
            return new StsFacts(name, record, fetch, null, List.of());
        }
        StsPolicyResult policy = parse(fetch);
        return new StsFacts(name, record, fetch, policy, StsEvaluator.coverage(policy.policy(), mxHosts));
    }

    /** Parses a fetched body; a body that is not UTF-8 is an error senders would also trip on. */
    static StsPolicyResult parse(PolicyFetch fetch) {
        StsPolicyResult parsed = StsPolicyParser.parse(fetch.body());
        if (fetch.validUtf8()) {
            return parsed;
        }
        List<Problem> problems = new ArrayList<>();
        problems.add(Problem.error("the policy file is not valid UTF-8"));
        problems.addAll(parsed.problems());
        return new StsPolicyResult(parsed.policy(), problems, parsed.lineEndings());
    }
}
