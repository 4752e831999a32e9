package io.mailtls.report.html;

import static io.mailtls.report.html.Html.attr;
import static io.mailtls.report.html.Html.el;

import java.util.List;

/** An HTML5 document around page content: doctype, language, charset, viewport, title. */
public final class Page {
    private Page() {
    }

    /** A whole document; {@code head} adds stylesheets, scripts and policies, {@code body} is the content. */
    public static String document(String title, List<Node> head, List<Node> body) {
        Node html = el("html", attr("lang", "en"),
                el("head",
                        el("meta", attr("charset", "utf-8")),
                        el("meta", attr("name", "viewport"), attr("content", "width=device-width, initial-scale=1")),
                        el("title", title),
                        head),
                el("body", body));
        return "<!DOCTYPE html>\n" + html.html() + "\n";
    }

    /** The stylesheet inlined, for a file that must stand alone. */
    public static Node inlineStyles() {
        return Styles.inline();
    }
}
