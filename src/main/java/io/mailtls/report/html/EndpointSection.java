package io.mailtls.report.html;

import static io.mailtls.report.html.Html.attr;
import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;
import static io.mailtls.report.html.Html.id;

import io.mailtls.audit.EndpointReport;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.net.Failure;
import io.mailtls.net.Mode;
import io.mailtls.tls.jsse.TlsSessionFacts;
import java.util.ArrayList;
import java.util.List;

/** One endpoint: its outcome, the negotiated TLS, what stopped the conversation, the ladder, the chain. */
public final class EndpointSection {
    private EndpointSection() {
    }

    /** The section of endpoint number {@code index} (ids in it are unique per index). */
    public static Node of(EndpointReport r, int index) {
        EndpointFacts f = r.facts();
        String host = f.endpoint().host();
        boolean named = f.endpoint().address() != null && !host.equals(f.endpoint().addressText());
        return el("section", cls("endpoint"), id("endpoint-" + index),
                el("h3", f.endpoint().hostPort(), named ? el("span", cls("endpoint-name"), " (" + host + ")") : null, " ",
                        el("span", cls("outcome-badge " + Labels.outcomeClass(r.verdict().outcome())),
                                Labels.outcome(r.verdict().outcome()))),
                el("dl", cls("facts"), facts(f)),
                failure("Stopped", f.failure()),
                failure("After TLS", f.afterTls()),
                el("h4", "The conversation"),
                Ladder.of(f, "e" + index),
                f.transcript().isEmpty() ? null : TranscriptTable.of(f.transcript()),
                f.certificate() == null ? null : List.of(el("h4", "Certificate chain as sent"),
                        CertificateChain.of(f.certificate())),
                f.probe() == null && f.smtpProbes() == null ? null : ProbeSection.of(f.probe(), f.smtpProbes()));
    }

    private static List<Node> facts(EndpointFacts f) {
        List<Node> out = new ArrayList<>();
        pair(out, "Mode", f.endpoint().mode() == Mode.IMPLICIT_TLS ? "implicit TLS" : "STARTTLS");
        pair(out, "Expected name", f.expectedName());
        if (f.smtp() != null && f.smtp().greeting() != null) {
            pair(out, "Greeting after", f.smtp().greetingMs() + " ms");
        }
        if (f.smtp() != null) {
            pair(out, "STARTTLS offered", f.smtp().starttlsOffered() ? "yes" : "no");
        }
        TlsSessionFacts t = f.tls();
        if (t != null) {
            pair(out, "Protocol", t.protocol());
            pair(out, "Cipher suite", t.cipher());
            pair(out, "Key exchange", t.group() == null ? "none seen" : t.group());
            pair(out, "Handshake", t.handshakeMs() + " ms");
        } else {
            pair(out, "TLS", "not established");
        }
        return out;
    }

    private static void pair(List<Node> out, String term, String value) {
        if (value != null) {
            out.add(el("dt", term));
            out.add(el("dd", value));
        }
    }

    private static Node failure(String label, Failure f) {
        if (f == null) {
            return null;
        }
        return el("p", cls("failure"), attr("role", "note"), el("strong", label + ": "), f.detail(),
                f.evidence().isEmpty() ? null : List.of(" ", el("code", f.evidence())));
    }
}
