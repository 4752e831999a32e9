package io.mailtls.report.html;

import static io.mailtls.report.html.Html.attr;
import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;

import io.mailtls.cert.CertificateFacts;
import io.mailtls.cert.CertificateInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The certificate chain as the server sent it, leaf first, with trust and name-match verdicts. */
public final class CertificateChain {
    private CertificateChain() {
    }

    public static Node of(CertificateFacts c) {
        String expected = c.expectedName() == null ? "(no name given)" : c.expectedName();
        return el("div", cls("chain"),
                el("p", cls("chain-summary"),
                        yesNo(c.trusted(), "trusted", "not trusted"), " ",
                        yesNo(c.nameMatches(), "matches " + expected, "does not match " + expected),
                        c.matchedBy() == null ? null : el("span", cls("matched-by"), " (by " + c.matchedBy() + ")")),
                c.validation().detail().isEmpty() ? null : el("p", cls("chain-detail"), c.validation().detail()),
                c.nameNote().isEmpty() ? null : el("p", cls("chain-detail"), c.nameNote()),
                c.chain().isEmpty() ? el("p", cls("empty"), "The server sent no certificate.")
                        : el("ol", cls("certs"), attr("start", "0"), certificates(c)));
    }

    private static List<Node> certificates(CertificateFacts c) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < c.chain().size(); i++) {
            CertificateInfo x = c.chain().get(i);
            boolean faulty = i == c.validation().failingIndex();
            out.add(el("li", cls(faulty ? "cert cert-faulty" : "cert"),
                    el("p", cls("cert-subject"), x.subject()),
                    el("dl",
                            pair("Issuer", x.issuer()),
                            pair("Valid", validity(x, c.now())),
                            pair("Key", x.key()),
                            pair("Signature", x.signature()),
                            x.san().isEmpty() ? null : pair("Names", String.join(", ", x.san())),
                            pair("SHA-256", x.sha256()))));
        }
        return out;
    }

    private static String validity(CertificateInfo x, Instant now) {
        String range = Labels.time(x.notBefore()) + " to " + Labels.time(x.notAfter());
        if (x.expiredAt(now)) {
            return range + " (expired " + Duration.between(x.notAfter(), now).toDays() + " days ago)";
        }
        if (x.notYetValidAt(now)) {
            return range + " (not valid for another " + Duration.between(now, x.notBefore()).toDays() + " days)";
        }
        return range + " (" + Duration.between(now, x.notAfter()).toDays() + " days left)";
    }

    private static List<Node> pair(String term, String value) {
        return List.of(el("dt", term), el("dd", value));
    }

    private static Node yesNo(boolean ok, String yes, String no) {
        return el("span", cls(ok ? "yes" : "no"), ok ? yes : no);
    }
}
