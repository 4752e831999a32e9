package io.mailtls.policy.mtasts;

import io.mailtls.dns.DnsAnswer;
import io.mailtls.dns.TxtRecord;
import io.mailtls.policy.Problem;
import java.util.List;

/**
 * The {@code _mta-sts.DOMAIN} TXT lookup and its verdict.
 *
 * @param txt        the TXT lookup, or null when judged from text alone
 * @param status     the verdict
 * @param candidates the records starting with {@code v=STSv1} (or nearly: wrong case), as displayed
 * @param record     the parsed record when VALID, else null
 * @param problems   every problem found
 */
public record StsRecordResult(DnsAnswer<TxtRecord> txt, StsRecordStatus status, List<String> candidates,
                              StsRecord record, List<Problem> problems) {
    public StsRecordResult {
        candidates = List.copyOf(candidates);
        problems = List.copyOf(problems);
    }
}
