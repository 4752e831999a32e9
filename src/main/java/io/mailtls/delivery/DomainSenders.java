package io.mailtls.delivery;

import io.mailtls.check.EndpointVerdict;
import io.mailtls.dns.MxKind;
import io.mailtls.facts.DomainFacts;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.facts.Outcome;
import io.mailtls.policy.dane.DaneMatch;
import io.mailtls.policy.dane.DaneResult;
import io.mailtls.policy.dane.DaneStatus;
import io.mailtls.policy.mtasts.StsMode;
import io.mailtls.policy.mtasts.StsMxResult;
import io.mailtls.policy.mtasts.StsRecordStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What each kind of sender does with mail for a domain: it tries the MX hosts in preference order, so the verdict
 * follows the best MX that works for that sender, and names the MX that decides it.
 */
public final class DomainSenders {
    /** One checked MX endpoint. */
    public record Mx(EndpointFacts facts, EndpointVerdict verdict) {
        int preference() {
            return facts.endpoint().mxPreference() == null ? 0 : facts.endpoint().mxPreference();
        }
    }

    private DomainSenders() {
    }

    /** Verdicts for all five profiles. */
    public static List<DeliveryVerdict> forDomain(DomainFacts d, List<Mx> mxs) {
        List<DeliveryVerdict> out = new ArrayList<>();
        if (d.mx().kind() == MxKind.NULL_MX) {
            for (String s : List.of("opportunistic", "mandatory-tls", "verify", "mta-sts", "dane")) {
                out.add(new DeliveryVerdict(s, "bounced", null, "The domain publishes a null MX (RFC 7505): senders "
                        + "bounce mail to it at once (\"domain does not accept mail\")."));
            }
            return out;
        }
        if (io.mailtls.check.DomainJudgement.nonexistent(d)) {
            for (String s : List.of("opportunistic", "mandatory-tls", "verify", "mta-sts", "dane")) {
                out.add(new DeliveryVerdict(s, "bounced", null, "The domain does not exist (NXDOMAIN): senders bounce "
                        + "the mail at once with \"domain not found\"."));
            }
            return out;
        }
        List<Mx> sorted = mxs.stream().sorted(Comparator.comparingInt(Mx::preference)).toList();
        List<Mx> tested = sorted.stream().filter(m -> m.verdict().outcome() != Outcome.INCONCLUSIVE).toList();
        if (tested.isEmpty()) {
            for (String s : List.of("opportunistic", "mandatory-tls", "verify", "mta-sts", "dane")) {
                out.add(new DeliveryVerdict(s, "unknown", null, sorted.isEmpty() ? "No MX host could be resolved."
                        : "No MX host could be tested from here."));
            }
            return out;
        }
        Mx first = tested.getFirst();
        List<DeliveryVerdict> primary = SenderProfiles.forEndpoint(first.facts(), first.verdict());
        String where = " (MX " + first.facts().endpoint().host() + ", " + first.facts().endpoint().hostPort() + ")";
        for (DeliveryVerdict v : primary) {
            if (!v.sender().equals("opportunistic") && v.outcome().equals("deferred")) {
                Mx other = tested.stream().filter(m -> accepts(v.sender(), m)).findFirst().orElse(null);
                if (other != null) {
                    out.add(new DeliveryVerdict(v.sender(), other.facts().certificate() != null
                            && v.sender().equals("verify") ? "encrypted-authenticated" : "encrypted-unauthenticated",
                            v.tlsRpt(), "The preferred MX fails this sender (" + v.tlsRpt() + ")" + where
                            + ", so it is delayed there and delivered through " + other.facts().endpoint().host()
                            + " instead."));
                    continue;
                }
            }
            out.add(new DeliveryVerdict(v.sender(), v.outcome(), v.tlsRpt(), v.explanation() + where));
        }
        out.add(mtaSts(d, tested, primary.getFirst()));
        out.add(dane(d, tested, primary.getFirst()));
        return out;
    }

    private static boolean accepts(String sender, Mx m) {
        return SenderProfiles.forEndpoint(m.facts(), m.verdict()).stream()
                .anyMatch(v -> v.sender().equals(sender) && v.outcome().startsWith("encrypted"));
    }

    private static DeliveryVerdict mtaSts(DomainFacts d, List<Mx> tested, DeliveryVerdict opportunistic) {
        var sts = d.mtaSts();
        if (sts.record() == null || sts.record().status() == StsRecordStatus.NONE) {
            return like(opportunistic, "mta-sts", "The domain publishes no MTA-STS policy, so an MTA-STS sender "
                    + "behaves like an opportunistic one.");
        }
        if (sts.policy() == null || !sts.policy().valid()) {
            return new DeliveryVerdict("mta-sts", opportunistic.outcome(),
                    sts.fetch() != null && !sts.fetch().ok() ? "sts-policy-fetch-error" : "sts-policy-invalid",
                    "The MTA-STS record exists but no valid policy can be fetched, so a sender without a cached policy "
                            + "falls back to opportunistic TLS and reports the failure to the domain's TLS-RPT address.");
        }
        StsMode mode = sts.policy().policy().mode();
        if (mode != StsMode.ENFORCE) {
            return like(opportunistic, "mta-sts", "The policy is in mode " + mode.name().toLowerCase()
                    + ": senders deliver as usual and only report failures (TLS-RPT).");
        }
        StsMxResult pass = d.stsResults().stream().filter(r -> r.verdict() == StsMxResult.Verdict.PASS).findFirst()
                .orElse(null);
        if (pass != null) {
            boolean allPass = d.stsResults().stream().allMatch(r -> r.verdict() == StsMxResult.Verdict.PASS
                    || r.verdict() == StsMxResult.Verdict.NOT_TESTED);
            return new DeliveryVerdict("mta-sts", "encrypted-authenticated", null, "The enforced policy covers "
                    + pass.mxHost() + ", which serves TLS 1.2+ with a valid certificate for its name."
                    + (allPass ? "" : " Other MX hosts fail the policy; senders skip them."));
        }
        StsMxResult fail = d.stsResults().stream().filter(r -> r.verdict() != StsMxResult.Verdict.NOT_TESTED)
                .findFirst().orElse(null);
        String rpt = fail == null ? "validation-failure" : fail.tlsRptResultType();
        return new DeliveryVerdict("mta-sts", "deferred", rpt, "The policy is enforced and no MX passes it"
                + (fail == null ? "" : " (" + fail.mxHost() + ": " + String.join("; ", fail.failures()) + ")")
                + ". Large mailbox providers keep the mail in their queue and report " + rpt + " via TLS-RPT;"
                + SenderProfiles.DELAYED);
    }

    private static DeliveryVerdict dane(DomainFacts d, List<Mx> tested, DeliveryVerdict opportunistic) {
        List<DaneResult> results = d.dane();
        if (results.isEmpty() || results.stream().allMatch(r -> r.facts().status() == DaneStatus.NONE
                || r.facts().status() == DaneStatus.INSECURE)) {
            return like(opportunistic, "dane", "No DNSSEC-secure TLSA records: a DANE sender (Postfix 'dane') uses "
                    + "opportunistic TLS for this domain.");
        }
        DaneResult bogus = results.stream().filter(r -> r.facts().status() == DaneStatus.BOGUS
                || r.facts().status() == DaneStatus.LOOKUP_FAILED).findFirst().orElse(null);
        if (bogus != null) {
            return new DeliveryVerdict("dane", "deferred", "dnssec-invalid", "DNSSEC validation fails for "
                    + bogus.facts().mxHost() + " (" + bogus.facts().reason() + "): a DANE sender cannot tell whether "
                    + "TLSA records exist and defers the mail." + SenderProfiles.DELAYED);
        }
        DaneResult match = results.stream().filter(r -> r.match().verdict() == DaneMatch.Verdict.MATCH).findFirst()
                .orElse(null);
        if (match != null) {
            return new DeliveryVerdict("dane", "encrypted-authenticated", null, "The TLSA records of "
                    + match.facts().mxHost() + " are DNSSEC-secure and match the chain it serves.");
        }
        DaneResult unusable = results.stream().filter(r -> r.facts().status() == DaneStatus.UNUSABLE).findFirst()
                .orElse(null);
        if (unusable != null && results.stream().noneMatch(r -> r.facts().status() == DaneStatus.USABLE)) {
            return new DeliveryVerdict("dane", "encrypted-unauthenticated", null, "Secure TLSA records exist but none "
                    + "is usable for SMTP (RFC 7672), so a DANE sender requires TLS without authenticating it.");
        }
        return new DeliveryVerdict("dane", "deferred", "validation-failure", "Secure TLSA records exist but none "
                + "matches the chain the MX serves: a DANE sender refuses the connection and defers the mail."
                + SenderProfiles.DELAYED);
    }

    private static DeliveryVerdict like(DeliveryVerdict v, String sender, String why) {
        return new DeliveryVerdict(sender, v.outcome(), v.tlsRpt(), why + " " + v.explanation());
    }
}
