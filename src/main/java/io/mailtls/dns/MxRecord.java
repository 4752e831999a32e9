package io.mailtls.dns;

/**
 * One MX record.
 *
 * @param preference the MX preference (lower is tried first)
 * @param host       the exchange, lower case without the final dot; {@code "."} for the root (null MX)
 */
public record MxRecord(int preference, String host) {
    /** True for the RFC 7505 null MX target ("."). */
    public boolean isNullTarget() {
        return ".".equals(host);
    }
}
