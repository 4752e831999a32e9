package io.mailtls.check;

import io.mailtls.facts.DomainFacts;
import io.mailtls.facts.Outcome;
import io.mailtls.policy.mtasts.StsMxResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** All domain-level findings: MX, MTA-STS, DANE, TLS-RPT, and whether the MX hosts agree with each other. */
public final class DomainJudgement {
    private DomainJudgement() {
    }

    /** Findings for a domain, given its facts and its endpoints' verdicts. */
    public static List<Finding> judge(DomainFacts d, List<EndpointVerdict> endpoints) {
        if (nonexistent(d)) {
            return List.of(new Finding("HOST_UNRESOLVED", Severity.INFO, "The domain does not exist",
                    d.mx().mx().summary(), "Check the spelling of the domain; senders bounce mail to it at once.", null));
        }
        List<Finding> out = new ArrayList<>(DomainChecks.mx(d.mx()));
        if (d.mx().kind() == io.mailtls.dns.MxKind.NULL_MX) {
            return out; // a domain that accepts no mail needs no transport policy
        }
        List<String> hosts = d.mx().hosts().stream().map(io.mailtls.dns.MxHost::host).toList();
        if (!hosts.isEmpty() || d.mtaSts().record() != null) {
            out.addAll(DomainChecks.mtaSts(d.mtaSts(), hosts));
            out.addAll(DomainChecks.mtaStsEnforcement(d.mtaSts(), d.stsSeen()));
        }
        out.addAll(DomainChecks.dane(d.dane()));
        out.addAll(DomainChecks.tlsRpt(d.tlsRpt()));
        Finding inconsistent = consistency(endpoints, d.stsResults());
        if (inconsistent != null) {
            out.add(inconsistent);
        }
        return out;
    }

    /** True when the domain name itself does not exist (NXDOMAIN): nothing to test, not a missing mail server. */
    public static boolean nonexistent(DomainFacts d) {
        return d.mx().kind() == io.mailtls.dns.MxKind.NONE
                && d.mx().mx().outcome() == io.mailtls.dns.DnsOutcome.NXDOMAIN;
    }

    /** MX_INCONSISTENT when the tested endpoints differ in TLS outcome or in the MTA-STS verdict. */
    static Finding consistency(List<EndpointVerdict> endpoints, List<StsMxResult> sts) {
        Set<Outcome> outcomes = endpoints.stream().map(EndpointVerdict::outcome)
                .filter(o -> o != Outcome.INCONCLUSIVE).collect(Collectors.toCollection(TreeSet::new));
        Set<StsMxResult.Verdict> verdicts = sts.stream().map(StsMxResult::verdict)
                .filter(v -> v != StsMxResult.Verdict.NOT_TESTED).collect(Collectors.toCollection(TreeSet::new));
        if (outcomes.size() <= 1 && verdicts.size() <= 1) {
            return null;
        }
        StringBuilder d = new StringBuilder();
        for (EndpointVerdict v : endpoints) {
            String at = v.findings().isEmpty() ? "?" : v.findings().getFirst().endpoint();
            d.append(at).append(" ").append(v.outcome()).append("; ");
        }
        for (StsMxResult r : sts) {
            d.append(r.mxHost()).append(" MTA-STS ").append(r.verdict()).append("; ");
        }
        return new Finding("MX_INCONSISTENT", Severity.MEDIUM, "The MX hosts differ in TLS support or policy outcome",
                d.substring(0, d.length() - 2) + ". Senders land on any of them, so the weakest decides what happens "
                        + "to some of the mail.",
                "Configure every MX host (and every address) alike: the same certificate chain, protocols and STARTTLS.",
                null);
    }
}
