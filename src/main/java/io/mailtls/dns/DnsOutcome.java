package io.mailtls.dns;

/** How one DNS lookup ended: the response code class, or why there was no usable response. */
public enum DnsOutcome {
    /** NOERROR with at least one record of the asked type. */
    ANSWER,
    /** NOERROR, the name exists but has no record of the asked type. */
    NODATA,
    /** The name does not exist. */
    NXDOMAIN,
    /** The server answered SERVFAIL (not a DNSSEC failure: that is an ANSWER/NODATA marked BOGUS). */
    SERVFAIL,
    /** The server refused the query. */
    REFUSED,
    /** Any other response code (FORMERR, NOTIMP, ...). */
    OTHER_RCODE,
    /** No response within the time limit. */
    TIMEOUT,
    /** The query could not be sent or the connection failed (ICMP unreachable, reset, ...). */
    NETWORK_ERROR,
    /** A response arrived but could not be parsed (bad wire format, wrong id or question). */
    MALFORMED,
    /** The name itself is not a valid DNS name; nothing was sent. */
    BAD_NAME;

    /** True when the DNS gave a definite answer (records, no data, or no such name). */
    public boolean conclusive() {
        return this == ANSWER || this == NODATA || this == NXDOMAIN;
    }

    /** True when the name is known not to hold the asked data (NODATA or NXDOMAIN). */
    public boolean absent() {
        return this == NODATA || this == NXDOMAIN;
    }
}
