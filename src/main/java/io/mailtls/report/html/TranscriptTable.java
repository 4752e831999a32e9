package io.mailtls.report.html;

import static io.mailtls.report.html.Html.attr;
import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;

import io.mailtls.smtp.TranscriptLine;
import java.util.List;

/** The conversation as text, line by line, as telnet would have shown it: the ladder's full-text companion. */
public final class TranscriptTable {
    private TranscriptTable() {
    }

    /** A collapsible table of the transcript. */
    public static Node of(List<TranscriptLine> lines) {
        return el("details", cls("transcript"),
                el("summary", "The conversation as text (" + lines.size() + " lines)"),
                el("table", cls("transcript-table"),
                        el("thead", el("tr",
                                el("th", attr("scope", "col"), "ms"),
                                el("th", attr("scope", "col"), "from"),
                                el("th", attr("scope", "col"), "text"))),
                        el("tbody", lines.stream().map(TranscriptTable::row).toList())));
    }

    /** One line as a table row; the web page's live view builds the same shape in the browser. */
    public static Node row(TranscriptLine l) {
        String from = l.from().json();
        return el("tr", cls("from-" + from),
                el("td", cls("at"), Long.toString(l.atMs())),
                el("td", cls("from"), label(l.from())),
                el("td", el("code", l.text())));
    }

    /** The speaker as the transcript shows it. */
    public static String label(TranscriptLine.From from) {
        return switch (from) {
            case SERVER -> "S:";
            case CLIENT -> "C:";
            case TLS -> "TLS";
            case NOTE -> "--";
        };
    }
}
