package io.mailtls.report.html;

import java.util.Objects;

/** Text content, escaped when rendered. */
public final class Text implements Node {
    private final String text;

    Text(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    @Override
    public void render(StringBuilder out, boolean inSvg) {
        out.append(Escape.text(text));
    }
}
