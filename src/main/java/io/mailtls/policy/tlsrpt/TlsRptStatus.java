package io.mailtls.policy.tlsrpt;

/** What a domain's TLS-RPT record amounts to for a reporting sender. */
public enum TlsRptStatus {
    /** No record starting with {@code v=TLSRPTv1}: no reports are sent. */
    NONE,
    /** Exactly one record, valid, with at least one usable destination. */
    VALID,
    /** A record exists but is broken, or there are several: reporters send nothing. */
    INVALID,
    /** The TXT lookup failed, so whether reports are wanted is unknown. */
    LOOKUP_FAILED
}
