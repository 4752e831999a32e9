package io.mailtls.report.html;

import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;
import static io.mailtls.report.html.Html.id;

import io.mailtls.audit.CheckReport;
import java.util.ArrayList;
import java.util.List;

/** The whole report as page content: heading, verdict, delivery, findings, endpoints; shared by file and web page. */
public final class ReportBody {
    private ReportBody() {
    }

    /** The report's parts, in reading order. */
    public static List<Node> of(CheckReport r) {
        List<Node> endpoints = new ArrayList<>();
        for (int i = 0; i < r.endpoints().size(); i++) {
            endpoints.add(EndpointSection.of(r.endpoints().get(i), i));
        }
        List<Node> out = new ArrayList<>();
        out.add(el("header", cls("report-head"),
                el("h1", "mailtls report for ", el("span", cls("target"), r.target())),
                el("p", cls("meta"), "Checked " + Labels.time(r.startedAt()) + " in " + r.millis()
                        + " ms; exit status " + r.exitCode() + ".")));
        out.add(VerdictBanner.of(r));
        out.add(el("section", id("delivery"), el("h2", "What sending servers will do"), DeliveryTable.of(r.delivery())));
        out.add(el("section", id("findings"), el("h2", "Findings"), FindingsList.of(r.findings(), r.endpoints().size() > 1)));
        if (r.domain() != null) {
            out.add(DomainSection.of(r.domain()));
        }
        out.add(el("section", id("endpoints"), el("h2", r.endpoints().size() == 1 ? "The endpoint" : "The endpoints"),
                endpoints.isEmpty() ? el("p", cls("empty"), "No endpoint was found.") : endpoints));
        return List.copyOf(out);
    }
}
