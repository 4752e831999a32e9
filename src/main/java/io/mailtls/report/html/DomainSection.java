package io.mailtls.report.html;

import static io.mailtls.report.html.Html.attr;
import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;
import static io.mailtls.report.html.Html.id;

import io.mailtls.dns.MxHost;
import io.mailtls.facts.DomainFacts;
import io.mailtls.policy.dane.DaneResult;
import io.mailtls.policy.mtasts.StsFacts;
import io.mailtls.policy.mtasts.StsMxResult;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/** A mail domain at a glance: its MX hosts and addresses, MTA-STS per MX, DANE per MX, and TLS-RPT. */
public final class DomainSection {
    private DomainSection() {
    }

    public static Node of(DomainFacts d) {
        return el("section", id("domain"), el("h2", "The domain"),
                el("p", cls("meta"), "MX lookup: " + d.mx().kind() + ", DNSSEC " + d.mx().mx().dnssec() + "."),
                d.mx().hosts().isEmpty() ? el("p", cls("empty"), "No MX host.") : el("table", cls("mx"),
                        el("thead", el("tr", el("th", attr("scope", "col"), "Preference"),
                                el("th", attr("scope", "col"), "MX host"), el("th", attr("scope", "col"), "Addresses"))),
                        el("tbody", d.mx().hosts().stream().map(DomainSection::mxRow).toList())),
                el("h3", "MTA-STS"),
                el("p", cls("policy-line"), sts(d.mtaSts())),
                d.stsResults().isEmpty() ? null : el("ul", cls("per-mx"), d.stsResults().stream().map(DomainSection::stsRow).toList()),
                el("h3", "DANE"),
                d.dane().isEmpty() ? el("p", cls("empty"), "No DANE result.")
                        : el("ul", cls("per-mx"), d.dane().stream().map(DomainSection::daneRow).toList()),
                el("h3", "TLS-RPT"),
                el("p", cls("policy-line"), d.tlsRpt().status().toString(),
                        d.tlsRpt().candidates().isEmpty() ? null : List.of(" ", el("code", d.tlsRpt().candidates().getFirst()))));
    }

    private static Node mxRow(MxHost h) {
        return el("tr", el("td", Integer.toString(h.preference())), el("td", el("code", h.host())),
                el("td", el("code", String.join(" ", h.addresses().all().stream().map(InetAddress::getHostAddress).toList()))));
    }

    private static String sts(StsFacts sts) {
        if (sts.record() == null) {
            return "not looked up";
        }
        return switch (sts.record().status()) {
            case NONE -> "no _mta-sts record";
            case INVALID -> "invalid _mta-sts record";
            case LOOKUP_FAILED -> "the _mta-sts lookup failed";
            case VALID -> sts.fetch() == null || !sts.fetch().ok()
                    ? "record found, policy not fetched (" + (sts.fetch() == null ? "?" : sts.fetch().status()) + ")"
                    : sts.policy() == null || !sts.policy().valid() ? "policy fetched but invalid"
                    : "mode " + sts.policy().policy().mode().name().toLowerCase(Locale.ROOT) + ", mx " + sts.policy().policy().mx();
        };
    }

    private static Node stsRow(StsMxResult r) {
        return el("li", el("code", r.mxHost()), ": ", el("strong", r.verdict().toString()),
                r.failures().isEmpty() ? null : el("span", cls("meta"), " (" + String.join("; ", r.failures()) + ")"));
    }

    private static Node daneRow(DaneResult r) {
        return el("li", el("code", r.facts().tlsaName()), ": ", el("strong", r.facts().status().toString()),
                ", match " + r.match().verdict(), el("span", cls("meta"), " (" + r.facts().reason() + ")"));
    }
}
