package io.mailtls.dns;

/** The DNSSEC verdict on one answer, as a validating resolver reached it (RFC 4035 §4.3). */
public enum DnssecStatus {
    /** Signed, and the signatures chain up to a configured trust anchor. */
    SECURE,
    /** Provably unsigned, or outside every trust anchor: senders take the data but cannot trust it. */
    INSECURE,
    /** Could not be decided: the lookup failed before validation could finish. */
    INDETERMINATE,
    /** Signed, but validation failed: validating resolvers answer SERVFAIL. */
    BOGUS;

    /** The worse of two statuses, for an answer assembled from several responses. */
    public DnssecStatus worst(DnssecStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
