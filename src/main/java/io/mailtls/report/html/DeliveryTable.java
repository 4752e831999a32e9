package io.mailtls.report.html;

import static io.mailtls.report.html.Html.attr;
import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;

import io.mailtls.delivery.DeliveryVerdict;
import java.util.List;

/** What each kind of sending server does with mail for the target, one table row per sender profile. */
public final class DeliveryTable {
    private DeliveryTable() {
    }

    public static Node of(List<DeliveryVerdict> verdicts) {
        if (verdicts.isEmpty()) {
            return el("p", cls("empty"), "No sender profile could be judged: no endpoint was tested.");
        }
        return el("table", cls("delivery"),
                el("thead", el("tr",
                        el("th", attr("scope", "col"), "Sender"),
                        el("th", attr("scope", "col"), "Outcome"),
                        el("th", attr("scope", "col"), "TLS-RPT result"),
                        el("th", attr("scope", "col"), "What happens"))),
                el("tbody", verdicts.stream().map(DeliveryTable::row).toList()));
    }

    private static Node row(DeliveryVerdict d) {
        return el("tr",
                el("th", attr("scope", "row"), el("code", d.sender())),
                el("td", el("span", cls("delivery-badge delivery-" + Html.token(d.outcome())), d.outcome())),
                el("td", d.tlsRpt() == null ? el("span", cls("none"), "none") : el("code", d.tlsRpt())),
                el("td", d.explanation()));
    }
}
