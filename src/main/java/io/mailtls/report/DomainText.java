package io.mailtls.report;

import io.mailtls.dns.MxHost;
import io.mailtls.facts.DomainFacts;
import io.mailtls.net.Printable;
import io.mailtls.policy.dane.DaneResult;
import io.mailtls.policy.mtasts.StsMxResult;
import java.util.ArrayList;
import java.util.List;

/** The domain part of the text report: MX hosts, MTA-STS, DANE and TLS-RPT at a glance. */
final class DomainText {
    private DomainText() {
    }

    static List<String> lines(DomainFacts d, Ansi ansi) {
        List<String> out = new ArrayList<>();
        out.add(ansi.bold("Domain") + ansi.dim("  (MX lookup: " + d.mx().kind() + ", DNSSEC " + d.mx().mx().dnssec() + ")"));
        for (MxHost h : d.mx().hosts()) {
            out.add(String.format("  MX %-4d %s  %s", h.preference(), p(h.host()),
                    ansi.dim(String.join(" ", h.addresses().all().stream().map(a -> a.getHostAddress()).toList()))));
        }
        var sts = d.mtaSts();
        String stsLine = sts.record() == null ? "not looked up" : switch (sts.record().status()) {
            case NONE -> "no _mta-sts record";
            case INVALID -> "invalid _mta-sts record";
            case LOOKUP_FAILED -> "the _mta-sts lookup failed";
            case VALID -> sts.fetch() == null || !sts.fetch().ok() ? "record found, policy not fetched ("
                    + (sts.fetch() == null ? "?" : sts.fetch().status()) + ")"
                    : sts.policy() == null || !sts.policy().valid() ? "policy fetched but invalid"
                    : "mode " + sts.policy().policy().mode().name().toLowerCase() + ", mx " + sts.policy().policy().mx();
        };
        out.add("  MTA-STS: " + p(stsLine));
        for (StsMxResult r : d.stsResults()) {
            out.add("    " + p(r.mxHost()) + ": " + r.verdict() + (r.failures().isEmpty() ? ""
                    : ansi.dim(" (" + p(String.join("; ", r.failures())) + ")")));
        }
        for (DaneResult r : d.dane()) {
            out.add("  DANE " + p(r.facts().tlsaName()) + ": " + r.facts().status() + ", match " + r.match().verdict()
                    + ansi.dim(" (" + p(r.facts().reason()) + ")"));
        }
        out.add("  TLS-RPT: " + d.tlsRpt().status() + (d.tlsRpt().candidates().isEmpty() ? ""
                : ansi.dim("  " + p(d.tlsRpt().candidates().getFirst()))));
        return out;
    }

    private static String p(String s) {
        return s == null ? "" : Printable.of(s);
    }
}
