package io.mailtls.report.html;

import java.util.Optional;

/** Short factories for building {@link Node} trees: {@code el("p", cls("note"), "text", child)}. */
public final class Html {
    private Html() {
    }

    /** An attribute for {@link #el}; a null value leaves it out. */
    public record Attr(String name, String value) {
    }

    /**
     * An element; {@code parts} may be {@link Attr}s, {@link Node}s, strings (escaped text), iterables or
     * optionals of those, or null (skipped).
     */
    public static Element el(String tag, Object... parts) {
        Element e = new Element(tag);
        for (Object p : parts) {
            add(e, p);
        }
        return e;
    }

    private static void add(Element e, Object p) {
        switch (p) {
            case null -> { }
            case Attr a -> e.attr(a.name(), a.value());
            case Node n -> e.add(n);
            case CharSequence s -> e.add(new Text(s.toString()));
            case Iterable<?> it -> it.forEach(x -> add(e, x));
            case Optional<?> o -> o.ifPresent(x -> add(e, x));
            case Object[] arr -> {
                for (Object x : arr) {
                    add(e, x);
                }
            }
            default -> throw new IllegalArgumentException("cannot add " + p.getClass().getName() + " to <" + e.tag() + ">");
        }
    }

    public static Attr attr(String name, String value) {
        return new Attr(name, value);
    }

    public static Attr attr(String name, long value) {
        return new Attr(name, Long.toString(value));
    }

    /** The class attribute. */
    public static Attr cls(String value) {
        return new Attr("class", value);
    }

    /** The id attribute. */
    public static Attr id(String value) {
        return new Attr("id", value);
    }

    /** Escaped text. */
    public static Text text(String s) {
        return new Text(s == null ? "" : s);
    }

    /** A CSS class name made from a word of data ({@code TLS_OK} becomes {@code tls-ok}); never anything but [a-z0-9-]. */
    public static String token(String word) {
        if (word == null) {
            return "none";
        }
        String t = word.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return t.isEmpty() ? "none" : t;
    }
}
