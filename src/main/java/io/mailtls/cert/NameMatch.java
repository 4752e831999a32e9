package io.mailtls.cert;

/**
 * Whether a certificate presents a reference name, and by which of its identifiers.
 *
 * @param matches       true when some presented identifier matches
 * @param matchedBy     the identifier that matched, typed: {@code DNS:*.example.org}, {@code IP:192.0.2.1},
 *                      {@code CN:mx.example.org}; null when nothing matched
 * @param viaCommonName true when the match fell back to the subject CN (the certificate has no DNS SAN)
 * @param note          a remark worth showing (CN fallback, IP reference, invalid name), or ""
 */
public record NameMatch(boolean matches, String matchedBy, boolean viaCommonName, String note) {
    public NameMatch {
        note = note == null ? "" : note;
        if (matches != (matchedBy != null)) {
            throw new IllegalArgumentException("matchedBy is set exactly when the name matches");
        }
    }

    static NameMatch none(String note) {
        return new NameMatch(false, null, false, note);
    }
}
