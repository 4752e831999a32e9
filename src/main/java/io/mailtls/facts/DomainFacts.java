package io.mailtls.facts;

import io.mailtls.dns.MxFacts;
import io.mailtls.policy.dane.DaneResult;
import io.mailtls.policy.mtasts.MxTlsObservation;
import io.mailtls.policy.mtasts.StsFacts;
import io.mailtls.policy.mtasts.StsMxResult;
import io.mailtls.policy.tlsrpt.TlsRptFacts;
import java.util.List;

/**
 * What the domain's DNS and policies say, and how each MX fares against them.
 *
 * @param mx        the MX lookup with every host's addresses
 * @param mtaSts    the MTA-STS record, policy fetch and parse
 * @param stsSeen   each MX as an MTA-STS sender sees it (its worst address)
 * @param stsResults each MX judged as an MTA-STS sender would (empty without a valid policy)
 * @param dane      each MX's TLSA lookup and its match against the chain that MX served
 * @param tlsRpt    the TLS-RPT record
 */
public record DomainFacts(MxFacts mx, StsFacts mtaSts, List<MxTlsObservation> stsSeen, List<StsMxResult> stsResults, List<DaneResult> dane,
                          TlsRptFacts tlsRpt) {
    public DomainFacts {
        stsSeen = List.copyOf(stsSeen);
        stsResults = List.copyOf(stsResults);
        dane = List.copyOf(dane);
    }
}
