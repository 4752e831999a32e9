package io.mailtls.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** An element with attributes and children; built through {@link Html#el(String, Object...)}. */
public final class Element implements Node {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*(:[A-Za-z][A-Za-z0-9-]*)?");
    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "source", "track", "wbr");

    private final String tag;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Node> children = new ArrayList<>();

    Element(String tag) {
        if (!NAME.matcher(tag).matches()) {
            throw new IllegalArgumentException("bad element name " + tag);
        }
        this.tag = tag;
    }

    /** Sets an attribute (a null value leaves it out); names are the code's own, values are escaped. */
    public Element attr(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad attribute name " + name);
        }
        if (value != null) {
            attributes.put(name, value);
        }
        return this;
    }

    /** Appends a child node. */
    public Element add(Node child) {
        if (child != null) {
            if (VOID.contains(tag)) {
                throw new IllegalStateException("<" + tag + "> takes no children");
            }
            children.add(child);
        }
        return this;
    }

    /** The element name. */
    public String tag() {
        return tag;
    }

    @Override
    public void render(StringBuilder out, boolean inSvg) {
        boolean svg = inSvg || tag.equals("svg");
        out.append('<').append(tag);
        for (var a : attributes.entrySet()) {
            out.append(' ').append(a.getKey()).append("=\"").append(Escape.attribute(a.getValue())).append('"');
        }
        if (svg && children.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        if (!svg && VOID.contains(tag)) {
            return;
        }
        for (Node c : children) {
            c.render(out, svg);
        }
        out.append("</").append(tag).append('>');
    }
}
