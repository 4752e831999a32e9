package io.mailtls.net;

/** Makes untrusted server text safe for a terminal: control characters become visible escapes. */
public final class Printable {
    private Printable() {
    }

    /** Replaces every control character (C0, DEL, C1, and bidi overrides) with {@code \xNN} or {@code \u2066}-style escapes. */
    public static String of(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                b.append(String.format("\\x%02x", (int) c));
            } else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Bytes as Latin-1 text made printable, cut to {@code max} characters with an ellipsis. */
    public static String ofBytes(byte[] bytes, int len, int max) {
        String s = new String(bytes, 0, Math.min(len, max), java.nio.charset.StandardCharsets.ISO_8859_1);
        return of(s) + (len > max ? "…" : "");
    }
}
