package io.mailtls.report.html;

import static io.mailtls.report.html.Html.attr;
import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;

import io.mailtls.smtp.SmtpProbeFacts;
import io.mailtls.tls.probe.TlsProfile;
import java.util.ArrayList;
import java.util.List;

/** What a deep check found: protocols, cipher suites per protocol, groups, and the SMTP security probes. */
public final class ProbeSection {
    private ProbeSection() {
    }

    /** The deep-probe part of an endpoint; either argument may be null. */
    public static Node of(TlsProfile p, SmtpProbeFacts s) {
        List<Node> out = new ArrayList<>();
        out.add(el("h4", "Deep probe"));
        if (p != null) {
            out.add(el("p", cls("meta"), p.connections() + " connections, " + p.elapsedMillis() + " ms."));
            out.add(el("table", cls("protocols"),
                    el("thead", el("tr", p.protocols().keySet().stream().map(k -> el("th", attr("scope", "col"), k)).toList())),
                    el("tbody", el("tr", p.protocols().values().stream().map(v -> el("td",
                            cls(v == null ? "unknown" : v ? "offered" : "not-offered"), v == null ? "?" : v ? "yes" : "no")).toList()))));
            p.ciphers().forEach((proto, names) -> {
                out.add(el("p", cls("cipher-head"), el("strong", proto),
                        Boolean.TRUE.equals(p.serverOrder()) ? " (server order)" : ""));
                out.add(el("ol", cls("ciphers"), names.stream().map(n -> el("li", el("code", n))).toList()));
            });
            List<Node> facts = new ArrayList<>();
            pair(facts, "Groups", p.groups().isEmpty() ? null : String.join(", ", p.groups()));
            pair(facts, "DH prime", p.dhBits() == null ? null : p.dhBits() + " bits");
            pair(facts, "Secure renegotiation", yesNo(p.secureRenegotiation()));
            pair(facts, "Compression", yesNo(p.compression()));
            pair(facts, "Heartbeat", yesNo(p.heartbeat()));
            pair(facts, "Could not tell", p.inconclusive().isEmpty() ? null : String.join("; ", p.inconclusive()));
            pair(facts, "Anomalies", p.anomalies().isEmpty() ? null : String.join("; ", p.anomalies()));
            out.add(el("dl", cls("facts"), facts));
        }
        if (s != null) {
            List<Node> facts = new ArrayList<>();
            pair(facts, "STARTTLS injection", (s.injectionVulnerable() == null ? "could not tell"
                    : s.injectionVulnerable() ? "VULNERABLE" : "not vulnerable") + evidence(s.injectionEvidence()));
            pair(facts, "TLS required before MAIL", (s.requiresTls() == null ? "could not tell"
                    : s.requiresTls() ? "yes" : "no") + evidence(s.requireEvidence()));
            out.add(el("dl", cls("facts"), facts));
        }
        return el("div", cls("probe"), out);
    }

    private static String evidence(String e) {
        return e == null || e.isEmpty() ? "" : " — " + e;
    }

    private static String yesNo(Boolean b) {
        return b == null ? null : b ? "yes" : "no";
    }

    private static void pair(List<Node> out, String term, String value) {
        if (value != null) {
            out.add(el("dt", term));
            out.add(el("dd", value));
        }
    }
}
