package io.mailtls.report.html;

/**
 * A piece of an HTML document that renders itself with every text and attribute value escaped; markup that is
 * not escaped ({@link Raw}) can only be made inside this package, from the project's own constants.
 */
public sealed interface Node permits Element, Text, Raw {

    /** Appends this node's HTML; {@code inSvg} is true inside an {@code <svg>} element (foreign content). */
    void render(StringBuilder out, boolean inSvg);

    /** This node's HTML. */
    default String html() {
        StringBuilder b = new StringBuilder();
        render(b, false);
        return b.toString();
    }
}
