package io.mailtls.report.html;

import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;

import io.mailtls.check.Finding;
import io.mailtls.check.Severity;
import java.util.List;

/** Findings worst first, each with its severity, id, title, endpoint, evidence and fix; passed checks folded away. */
public final class FindingsList {
    private FindingsList() {
    }

    /** The findings; {@code showEndpoint} names the endpoint of each (useful when there are several). */
    public static Node of(List<Finding> findings, boolean showEndpoint) {
        List<Finding> problems = findings.stream().filter(f -> f.severity() != Severity.OK).toList();
        List<Finding> passed = findings.stream().filter(f -> f.severity() == Severity.OK).toList();
        return el("div", cls("findings"),
                problems.isEmpty() ? el("p", cls("empty"), "No problems found.") : null,
                problems.stream().map(f -> card(f, showEndpoint)).toList(),
                passed.isEmpty() ? null : el("details", cls("passed"),
                        el("summary", "Checks passed (" + passed.size() + ")"),
                        el("ul", passed.stream().map(f -> el("li",
                                el("span", cls("sev-badge sev-ok"), "OK"), " ", el("code", f.id()), " ", f.title(),
                                f.detail().isEmpty() ? null : el("span", cls("passed-detail"), " — " + f.detail()),
                                showEndpoint && f.endpoint() != null ? el("span", cls("finding-endpoint"), f.endpoint()) : null
                        )).toList())));
    }

    /** One finding as a card. */
    public static Node card(Finding f, boolean showEndpoint) {
        String sev = Html.token(f.severity().name());
        return el("article", cls("finding sev-" + sev),
                el("h3", el("span", cls("sev-badge sev-" + sev), f.severity().name()), " ",
                        el("code", cls("finding-id"), f.id()), " ",
                        el("span", cls("finding-title"), f.title()),
                        showEndpoint && f.endpoint() != null ? el("span", cls("finding-endpoint"), f.endpoint()) : null),
                f.detail().isEmpty() ? null : el("p", cls("finding-detail"), f.detail()),
                f.fix().isEmpty() ? null : el("p", cls("finding-fix"), el("strong", "Fix: "), f.fix()));
    }
}
