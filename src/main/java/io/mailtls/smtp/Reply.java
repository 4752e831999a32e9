package io.mailtls.smtp;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One complete SMTP reply (RFC 5321 §4.2): a three-digit code shared by every line, and the lines' text.
 *
 * @param code  the reply code, 200-599
 * @param lines the text after the code and separator, one entry per line
 */
public record Reply(int code, List<String> lines) {
    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(\\s|$)");

    public Reply {
        lines = List.copyOf(lines);
    }

    /** 2yz. */
    public boolean positive() {
        return code >= 200 && code < 300;
    }

    /** 4yz: the server asks the client to come back later. */
    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    /** 5yz. */
    public boolean permanentFailure() {
        return code >= 500;
    }

    /** The RFC 3463 enhanced status code of the first line (e.g. {@code 4.7.0}), or null. */
    public String enhancedCode() {
        if (lines.isEmpty()) {
            return null;
        }
        Matcher m = ENHANCED.matcher(lines.getFirst());
        return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : null;
    }

    /** The reply as the server sent it, one line per element ("250-PIPELINING" style). */
    public List<String> wireLines() {
        var out = new java.util.ArrayList<String>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            out.add(code + (i == lines.size() - 1 ? (text.isEmpty() ? "" : " ") : "-") + text);
        }
        return out;
    }

    /** The first line as the server sent it, e.g. {@code 421 4.7.0 Too many connections}. */
    public String firstLine() {
        return wireLines().getFirst();
    }
}
