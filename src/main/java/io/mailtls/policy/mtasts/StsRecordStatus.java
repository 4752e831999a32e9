package io.mailtls.policy.mtasts;

/** What a domain's {@code _mta-sts} TXT records amount to for a sender. */
public enum StsRecordStatus {
    /** No record starting with {@code v=STSv1}: the domain has no MTA-STS. */
    NONE,
    /** Exactly one valid record. */
    VALID,
    /** A broken record, or several: senders act as if there were no MTA-STS (RFC 8461 §3.1). */
    INVALID,
    /** The TXT lookup failed; senders retry later or use a cached policy. */
    LOOKUP_FAILED
}
