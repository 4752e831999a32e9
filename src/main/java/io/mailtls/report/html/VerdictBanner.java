package io.mailtls.report.html;

import static io.mailtls.report.html.Html.attr;
import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;

import io.mailtls.audit.CheckReport;
import io.mailtls.check.Finding;
import io.mailtls.check.Severity;
import java.util.ArrayList;
import java.util.List;

/** The verdict at the top of a report: the outcome in one word, what it means, and the findings counted by severity. */
public final class VerdictBanner {
    private VerdictBanner() {
    }

    public static Node of(CheckReport r) {
        List<Node> counts = new ArrayList<>();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity s = Severity.values()[i];
            long n = r.findings().stream().map(Finding::severity).filter(s::equals).count();
            if (n > 0) {
                counts.add(el("li", cls("sev-badge sev-" + Html.token(s.name())), n + " " + s.name()));
            }
        }
        return el("section", cls("verdict " + Labels.outcomeClass(r.outcome())), attr("aria-label", "Verdict"),
                el("p", cls("verdict-outcome"), Labels.outcome(r.outcome())),
                el("p", cls("verdict-summary"), Labels.summary(r)),
                counts.isEmpty() ? null : el("ul", cls("counts"), attr("aria-label", "Findings by severity"), counts));
    }
}
