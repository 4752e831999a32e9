package io.mailtls.scan;

import io.mailtls.net.Target;
import io.mailtls.net.TargetParser;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns input lines into scan items: one target a line, blank lines and {@code #} comments (whole-line or after
 * the target) skipped, an overlong or unparsable line kept as an invalid item so it still gets its output line.
 */
final class TargetInput {
    /** Far beyond any target (a host name is at most 253 bytes); a longer line is not a target. */
    static final int MAX_LINE = 1024;
    /** How much of an overlong line the output repeats. */
    static final int SHOWN = 120;

    private final BoundedLines lines;

    TargetInput(InputStream in) {
        this.lines = new BoundedLines(in, MAX_LINE);
    }

    /** The next item, or null at the end of the input. */
    ScanItem next() throws IOException {
        BoundedLines.Line line;
        while ((line = lines.next()) != null) {
            ScanItem item = item(line);
            if (item != null) {
                return item;
            }
        }
        return null;
    }

    /** Counts the lines that would become items, reading the stream to its end. */
    static long count(InputStream in) throws IOException {
        BoundedLines lines = new BoundedLines(in, MAX_LINE);
        long n = 0;
        BoundedLines.Line line;
        while ((line = lines.next()) != null) {
            if (line.truncated() || !content(line.text()).isEmpty()) {
                n++;
            }
        }
        return n;
    }

    static ScanItem item(BoundedLines.Line line) {
        if (line.truncated()) {
            String shown = line.text().substring(0, Math.min(SHOWN, line.text().length())).strip() + "\u2026";
            return new ScanItem.Invalid(shown, "line " + line.number() + " is longer than " + MAX_LINE
                    + " bytes: not a target", TargetKeys.of(shown));
        }
        String text = content(line.text());
        if (text.isEmpty()) {
            return null;
        }
        try {
            Target t = TargetParser.parse(text);
            return new ScanItem.Check(t.original(), t, TargetKeys.of(t));
        } catch (IllegalArgumentException e) {
            return new ScanItem.Invalid(text, "line " + line.number() + ": " + e.getMessage(), TargetKeys.of(text));
        }
    }

    /** The line without its comment and surrounding blanks. */
    static String content(String line) {
        String s = line.strip();
        if (s.startsWith("#")) {
            return "";
        }
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) == '#' && Character.isWhitespace(s.charAt(i - 1))) {
                return s.substring(0, i).strip();
            }
        }
        return s;
    }
}
