package io.mailtls.audit;

import io.mailtls.cert.ChainReason;
import io.mailtls.cert.HostnameMatcher;
import io.mailtls.dns.MxHost;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.policy.mtasts.MxTlsObservation;
import io.mailtls.policy.mtasts.StsEvaluator;
import io.mailtls.policy.mtasts.StsFacts;
import io.mailtls.policy.mtasts.StsMxResult;
import java.util.ArrayList;
import java.util.List;

/** Describes each MX as an MTA-STS sender sees it (from the endpoints' facts) and applies the policy to it. */
final class MtaStsJudge {
    private MtaStsJudge() {
    }

    /** One observation per MX host: its worst address, since a sender may land on any of them. */
    static List<MxTlsObservation> observations(List<MxHost> hosts, List<EndpointFacts> endpoints) {
        List<MxTlsObservation> out = new ArrayList<>();
        for (MxHost h : hosts) {
            MxTlsObservation worst = null;
            for (EndpointFacts e : endpoints) {
                if (!e.endpoint().host().equals(h.host())) {
                    continue;
                }
                MxTlsObservation o = observe(h.host(), e);
                if (worst == null || rank(o) > rank(worst)) {
                    worst = o;
                }
            }
            out.add(worst != null ? worst : new MxTlsObservation(h.host(), false, false, null, false, false, false,
                    "no address was checked"));
        }
        return out;
    }

    /** Each MX judged against the policy, or nothing when there is no usable policy. */
    static List<StsMxResult> results(StsFacts sts, List<MxTlsObservation> seen) {
        if (sts == null || sts.policy() == null || !sts.policy().valid()) {
            return List.of();
        }
        return seen.stream().map(o -> StsEvaluator.check(sts.policy().policy(), o)).toList();
    }

    private static MxTlsObservation observe(String mxHost, EndpointFacts e) {
        boolean reached = e.failure() == null || !e.failure().inconclusive();
        if (e.tls() == null) {
            return new MxTlsObservation(mxHost, reached, false, null, false, false, false,
                    e.failure() == null ? "no TLS" : e.failure().detail() + " " + e.failure().evidence());
        }
        var cert = e.certificate();
        boolean expired = cert != null && (cert.validation().reason() == ChainReason.EXPIRED
                || cert.validation().reason() == ChainReason.NOT_YET_VALID);
        // The validator checks dates only on a path that reached an anchor, so an expired chain is otherwise trusted.
        boolean trusted = cert != null && (cert.trusted() || expired);
        boolean named = cert != null && cert.leaf() != null && HostnameMatcher.match(mxHost, cert.leaf()).matches();
        return new MxTlsObservation(mxHost, true, true, e.tls().protocol(), trusted, expired, named,
                e.endpoint().hostPort() + ": " + e.tls().protocol() + ", " + (cert == null ? "no certificate"
                        : cert.validation().reason() + (named ? "" : ", name mismatch")));
    }

    private static int rank(MxTlsObservation o) {
        if (!o.reached()) {
            return 0;
        }
        int bad = (o.starttls() ? 0 : 8) + (o.chainTrusted() ? 0 : 2) + (o.certificateExpired() ? 2 : 0)
                + (o.certificateMatchesMx() ? 0 : 2);
        return 1 + bad;
    }
}
