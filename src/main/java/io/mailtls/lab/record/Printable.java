package io.mailtls.lab.record;

/** Bounds and cleans client-supplied text before it reaches a record, a log line or a terminal. */
public final class Printable {

    private Printable() {
    }

    /**
     * {@code text} with every character outside printable ASCII replaced by '?', cut to {@code max}
     * characters (marked with "..."); null stays null. Control and escape bytes from a hostile
     * client must never reach the admin's terminal.
     */
    public static String of(String text, int max) {
        if (text == null) {
            return null;
        }
        int keep = Math.min(text.length(), max);
        StringBuilder out = new StringBuilder(keep + 3);
        for (int i = 0; i < keep; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > max) {
            out.append("...");
        }
        return out.toString();
    }
}
