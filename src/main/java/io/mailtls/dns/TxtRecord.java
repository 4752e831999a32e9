package io.mailtls.dns;

/**
 * One TXT record, its character-strings joined without separators.
 *
 * @param text    the joined strings, one char per octet (ISO-8859-1), cut at {@link #MAX_OCTETS}
 * @param octets  the record's real length in octets, before any cut
 * @param strings how many character-strings the record held
 */
public record TxtRecord(String text, int octets, int strings) {
    /** TXT records longer than this are kept only in part and reported as oversized. */
    public static final int MAX_OCTETS = 4096;

    /** True when the record exceeded {@link #MAX_OCTETS} and {@link #text} is only its beginning. */
    public boolean oversized() {
        return octets > MAX_OCTETS;
    }

    /** The text with control and non-ASCII octets escaped as {@code \DDD}, as in zone files. */
    public String display() {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append('\\').append(String.format("%03d", (int) c));
            }
        }
        return oversized() ? out + "... (" + octets + " octets)" : out.toString();
    }
}
