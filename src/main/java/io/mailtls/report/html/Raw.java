package io.mailtls.report.html;

/** Markup written as is: only for this package's own constants (the doctype, the stylesheet), never for data. */
public final class Raw implements Node {
    private final String markup;

    Raw(String markup) {
        this.markup = markup;
    }

    @Override
    public void render(StringBuilder out, boolean inSvg) {
        out.append(markup);
    }
}
