package io.mailtls.web;

import static io.mailtls.report.html.Html.attr;
import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;
import static io.mailtls.report.html.Html.id;

import io.mailtls.audit.CheckReport;
import io.mailtls.report.html.Labels;
import io.mailtls.report.html.Node;
import io.mailtls.report.html.Page;
import io.mailtls.report.html.ReportBody;
import io.mailtls.report.html.TranscriptTable;
import java.util.ArrayList;
import java.util.List;

/** The web UI's pages, built from the same components as the self-contained HTML report. */
final class Pages {
    private Pages() {
    }

    /** The form, an error if the last submission was refused, and the recent checks. */
    static String home(List<CheckJob> recent, String error, String target, String expectName, boolean deep,
                       boolean allowPrivate) {
        List<Node> main = new ArrayList<>();
        main.add(el("h1", "Check a mail server's TLS"));
        main.add(el("p", cls("lead"), "mailtls talks SMTP to the server, starts TLS with STARTTLS, checks the "
                + "certificate, and tells you what sending servers will do with your mail. Give a domain to check "
                + "its MX hosts, MTA-STS, DANE and TLS-RPT, or host:port for one server."));
        main.add(el("form", cls("check-form"), attr("method", "post"), attr("action", "/checks"),
                el("div", cls("field"),
                        el("label", attr("for", "target"), "Domain, host, or host:port"),
                        el("input", id("target"), attr("name", "target"), attr("type", "text"), attr("required", ""),
                                attr("maxlength", 300), attr("autocomplete", "off"), attr("spellcheck", "false"),
                                attr("autocapitalize", "off"), attr("placeholder", "mx.example.org or mx.example.org:587"),
                                attr("value", target == null ? "" : target))),
                el("div", cls("field"),
                        el("label", attr("for", "expect_name"), "Expected certificate name (optional)"),
                        el("input", id("expect_name"), attr("name", "expect_name"), attr("type", "text"),
                                attr("maxlength", 253), attr("autocomplete", "off"), attr("spellcheck", "false"),
                                attr("autocapitalize", "off"), attr("placeholder", "defaults to the host name"),
                                attr("value", expectName == null ? "" : expectName))),
                el("div", cls("field field-check"),
                        el("input", id("deep"), attr("name", "deep"), attr("type", "checkbox"),
                                attr("checked", deep ? "" : null)),
                        el("label", attr("for", "deep"), "Deep: enumerate protocols, cipher suites and groups")),
                el("button", attr("type", "submit"), "Check")));
        if (error != null) {
            main.add(el("p", cls("form-error"), attr("role", "alert"), id("form-error"), error));
        }
        main.add(el("p", cls("meta"), allowPrivate
                ? "This server also checks private and loopback addresses on any port (--allow-private)."
                : "This server checks public addresses on the mail ports " + ports() + " only."));
        main.add(el("section", id("recent"), el("h2", "Recent checks"), recentTable(recent)));
        return layout("mailtls: check a mail server's TLS", main, false);
    }

    private static Node recentTable(List<CheckJob> recent) {
        if (recent.isEmpty()) {
            return el("p", cls("empty"), "No checks yet.");
        }
        return el("table", cls("recent"),
                el("thead", el("tr", el("th", attr("scope", "col"), "Target"), el("th", attr("scope", "col"), "Result"),
                        el("th", attr("scope", "col"), "Started"))),
                el("tbody", recent.stream().map(j -> {
                    CheckReport r = j.report();
                    Node result = switch (j.state()) {
                        case RUNNING -> el("span", cls("state-running"), "running");
                        case FAILED -> el("span", cls("state-failed"), "failed");
                        case DONE -> el("span", cls("outcome-badge " + Labels.outcomeClass(r.outcome())),
                                Labels.outcome(r.outcome()));
                    };
                    return el("tr", el("td", el("a", attr("href", "/checks/" + j.id()), el("code", j.target()))),
                            el("td", result), el("td", Labels.time(j.submitted())));
                }).toList()));
    }

    /** A check still running: the transcript so far, which the script extends live. */
    static String running(CheckJob job) {
        List<LiveLine> lines = job.linesFrom(0);
        List<Node> main = List.of(
                el("header", cls("report-head"),
                        el("h1", "Checking ", el("span", cls("target"), job.target())),
                        el("p", cls("meta"), "Started " + Labels.time(job.submitted()) + ". State: ",
                                el("span", id("state"), attr("data-state", "running"), "running"))),
                el("section", id("progress"), attr("data-events", "/api/checks/" + job.id() + "/events"),
                        attr("data-seen", lines.size()),
                        el("h2", "The conversation, live"),
                        el("table", cls("transcript-table live"),
                                el("thead", el("tr",
                                        el("th", attr("scope", "col"), "ms"),
                                        el("th", attr("scope", "col"), "from"),
                                        el("th", attr("scope", "col"), "text"))),
                                el("tbody", id("live"), lines.stream().map(l -> TranscriptTable.row(l.line())).toList())),
                        el("noscript", el("p", "Without JavaScript this page does not update by itself: ",
                                el("a", attr("href", "/checks/" + job.id()), "reload it"), " to see the result."))));
        return layout("mailtls: checking " + job.target(), main, true);
    }

    /** A finished check: the report, with links to its JSON and its self-contained HTML file. */
    static String result(CheckJob job) {
        CheckReport r = job.report();
        List<Node> main = new ArrayList<>(ReportBody.of(r));
        main.add(1, el("nav", cls("result-links"), attr("aria-label", "This report elsewhere"),
                el("a", attr("href", "/checks/" + job.id() + "/report.html"), "Self-contained HTML report"), " · ",
                el("a", attr("href", "/api/checks/" + job.id()), "JSON (mailtls.check/1)"), " · ",
                el("a", attr("href", "/"), "Check another server")));
        return layout("mailtls: " + r.target() + " — " + Labels.outcome(r.outcome()), main, false);
    }

    /** A check that ended in an internal error. */
    static String failed(CheckJob job) {
        return layout("mailtls: check failed", List.of(
                el("h1", "The check of ", el("span", cls("target"), job.target()), " failed"),
                el("p", cls("form-error"), String.valueOf(job.error())),
                el("p", el("a", attr("href", "/"), "Back to the form"))), false);
    }

    /** An unknown or forgotten check. */
    static String notFound() {
        return layout("mailtls: not found", List.of(
                el("h1", "No such check"),
                el("p", "This server remembers only its most recent checks."),
                el("p", el("a", attr("href", "/"), "Back to the form"))), false);
    }

    private static String layout(String title, List<Node> main, boolean script) {
        List<Node> head = new ArrayList<>();
        head.add(el("link", attr("rel", "stylesheet"), attr("href", "/static/report.css")));
        head.add(el("link", attr("rel", "stylesheet"), attr("href", "/static/web.css")));
        if (script) {
            head.add(el("script", attr("src", "/static/app.js"), attr("defer", "")));
            head.add(el("noscript", el("meta", attr("http-equiv", "refresh"), attr("content", "3"))));
        }
        List<Node> body = List.of(
                el("header", cls("page-head"), el("a", cls("brand"), attr("href", "/"), "mailtls"),
                        el("span", cls("tagline"), " tests and debugs TLS between mail servers")),
                el("main", cls("report"), main),
                el("footer", cls("page-foot"), "mailtls serve. Checks run from this server; results are kept in memory only."));
        return Page.document(title, head, body);
    }

    private static String ports() {
        return TargetGuard.MAIL_PORTS.stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
