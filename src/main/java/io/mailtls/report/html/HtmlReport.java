package io.mailtls.report.html;

import static io.mailtls.report.html.Html.attr;
import static io.mailtls.report.html.Html.cls;
import static io.mailtls.report.html.Html.el;

import io.mailtls.audit.CheckReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The self-contained HTML report ({@code --html FILE}): one HTML5 file with inline CSS and SVG, no script and no
 * external fetch, whose own Content-Security-Policy forbids scripts even if some text ever escaped escaping.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** The Content-Security-Policy the file carries (and the web UI sends with it). */
    public static String contentSecurityPolicy() {
        return "default-src 'none'; style-src " + Styles.cssHashSource() + "; img-src data:; base-uri 'none'; form-action 'none'";
    }

    /** The whole document. */
    public static String render(CheckReport r) {
        return Page.document("mailtls report: " + r.target() + " — " + Labels.outcome(r.outcome()),
                List.of(el("meta", attr("http-equiv", "Content-Security-Policy"), attr("content", contentSecurityPolicy())),
                        el("meta", attr("name", "generator"), attr("content", "mailtls")),
                        Page.inlineStyles()),
                List.of(el("main", cls("report"), ReportBody.of(r)),
                        el("footer", cls("page-foot"), "Written by mailtls. This file is self-contained: it loads nothing.")));
    }

    /** Writes the document to {@code file} (UTF-8), replacing it. */
    public static void write(CheckReport r, Path file) throws IOException {
        Files.writeString(file, render(r), StandardCharsets.UTF_8);
    }
}
