package io.mailtls.dns;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one DNS lookup: its records, how it ended, and its DNSSEC status.
 *
 * <p>For a BOGUS answer the records are what the server sent before validation failed: evidence
 * for the report, never data to act on (a validating sender sees SERVFAIL instead).
 *
 * @param name         the queried name, lower case, without the final dot
 * @param type         the record type asked for ({@code "MX"}, {@code "TXT"}, ...)
 * @param outcome      how the lookup ended
 * @param rcode        the response code the server sent ({@code "NOERROR"}, ...), null if none arrived
 * @param dnssec       the DNSSEC status of the answer
 * @param dnssecReason the validator's explanation (always for BOGUS, sometimes for INSECURE), or null
 * @param records      the records of the asked type at the end of any CNAME chain, at most {@link #MAX_RECORDS}
 * @param aliases      the CNAME targets followed from {@code name}, in order (empty when none)
 * @param capped       true when the server sent more than {@link #MAX_RECORDS} records
 * @param error        evidence for a failed lookup (timeout, network error, parse error), or null
 */
public record DnsAnswer<T>(String name, String type, DnsOutcome outcome, String rcode, DnssecStatus dnssec,
                           String dnssecReason, List<T> records, List<String> aliases, boolean capped,
                           String error) {
    /** Answers hold at most this many records; the rest are dropped and {@code capped} is set. */
    public static final int MAX_RECORDS = 64;

    public DnsAnswer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(dnssec, "dnssec");
        records = List.copyOf(records);
        aliases = List.copyOf(aliases);
    }

    /** A lookup that produced no usable response. */
    public static <T> DnsAnswer<T> failed(String name, String type, DnsOutcome outcome, String error) {
        return new DnsAnswer<>(name, type, outcome, null, DnssecStatus.INDETERMINATE, null, List.of(), List.of(),
                false, error);
    }

    /** The name the records belong to: the last CNAME target, or the queried name. */
    public String canonicalName() {
        return aliases.isEmpty() ? name : aliases.getLast();
    }

    /** True when the DNSSEC status is SECURE. */
    public boolean secure() {
        return dnssec == DnssecStatus.SECURE;
    }

    /** One line of evidence, e.g. {@code "MX example.org: NOERROR, 2 records, DNSSEC SECURE"}. */
    public String summary() {
        var out = new StringBuilder(type).append(' ').append(name).append(": ");
        out.append(switch (outcome) {
            case ANSWER -> (rcode == null ? "NOERROR" : rcode) + ", " + records.size()
                    + (records.size() == 1 ? " record" : " records") + (capped ? " (capped)" : "");
            case NODATA -> "NOERROR, no " + type + " record (NODATA)";
            case NXDOMAIN -> "NXDOMAIN (no such name)";
            case SERVFAIL, REFUSED, OTHER_RCODE -> "server answered " + (rcode == null ? outcome : rcode);
            case TIMEOUT, NETWORK_ERROR, MALFORMED, BAD_NAME -> outcome + (error == null ? "" : " (" + error + ")");
        });
        if (!aliases.isEmpty()) {
            out.append(", via CNAME ").append(String.join(" -> ", aliases));
        }
        out.append(", DNSSEC ").append(dnssec);
        if (dnssecReason != null && dnssec != DnssecStatus.SECURE) {
            out.append(" (").append(dnssecReason).append(')');
        }
        return out.toString();
    }
}
