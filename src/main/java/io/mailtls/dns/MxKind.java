package io.mailtls.dns;

/** What a domain's MX lookup says about where its mail goes. */
public enum MxKind {
    /** MX records name one or more mail hosts. */
    LISTED,
    /** A single MX record with the root as exchange: the domain accepts no mail (RFC 7505). */
    NULL_MX,
    /** No MX records, but the domain has addresses: they serve as an implicit MX (RFC 5321 §5.1). */
    IMPLICIT,
    /** No MX records and no addresses, or no such domain: mail cannot be delivered. */
    NONE,
    /** The lookups failed (SERVFAIL, timeout, ...): where the mail goes is unknown. */
    LOOKUP_FAILED
}
