package io.mailtls.report.html;

import io.mailtls.net.Printable;

/** Makes untrusted text safe inside HTML: control characters become visible escapes, markup characters entities. */
public final class Escape {
    private Escape() {
    }

    /** Text content: {@code & < >} become entities, after {@link #clean(String)}. */
    public static String text(String s) {
        return replace(clean(s), false);
    }

    /** A quoted attribute value: also {@code " '} become entities, after {@link #clean(String)}. */
    public static String attribute(String s) {
        return replace(clean(s), true);
    }

    /**
     * Printable text that HTML allows: control characters and bidi overrides become {@code \xNN} escapes (as in the
     * terminal report), noncharacters become {@code \\uXXXX} escapes, and lone surrogates U+FFFD. Line breaks
     * ({@code \n}, {@code \r\n}) and tabs stay, as HTML whitespace: they cannot change the markup.
     */
    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        String[] lines = s.replace("\r\n", "\n").split("\n", -1);
        StringBuilder joined = new StringBuilder(s.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                joined.append('\n');
            }
            String[] cells = lines[i].split("\t", -1);
            for (int j = 0; j < cells.length; j++) {
                if (j > 0) {
                    joined.append('\t');
                }
                joined.append(Printable.of(cells[j]));
            }
        }
        String p = joined.toString();
        StringBuilder b = new StringBuilder(p.length());
        for (int i = 0; i < p.length(); ) {
            int cp = p.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                b.append('\uFFFD');
            } else if (isNoncharacter(cp)) {
                b.append(cp <= 0xFFFF ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        }
        return b.toString();
    }

    private static boolean isNoncharacter(int cp) {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    private static String replace(String s, boolean attribute) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                case '\'' -> b.append(attribute ? "&#39;" : "'");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
