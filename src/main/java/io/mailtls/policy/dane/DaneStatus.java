package io.mailtls.policy.dane;

/** What DANE amounts to for one MX host, before any certificate is matched (RFC 7672 §2.2). */
public enum DaneStatus {
    /** No TLSA records: DANE senders use opportunistic TLS for this host. */
    NONE,
    /** TLSA records exist, but the MX, address or TLSA lookups are not all DNSSEC-secure: senders ignore them. */
    INSECURE,
    /** A lookup failed DNSSEC validation: validating senders defer the mail. */
    BOGUS,
    /** The TLSA lookup failed (SERVFAIL, timeout) on a secure MX host: DANE senders defer the mail. */
    LOOKUP_FAILED,
    /** Secure TLSA records, none usable: DANE senders require TLS but do not authenticate it. */
    UNUSABLE,
    /** Secure, usable TLSA records: DANE senders require a chain that matches one of them. */
    USABLE
}
