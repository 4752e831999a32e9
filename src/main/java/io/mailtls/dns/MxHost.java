package io.mailtls.dns;

import java.util.List;

/**
 * One mail host from the MX set, with its resolved addresses.
 *
 * @param preference the MX preference (0 for an implicit MX)
 * @param host       the exchange name, lower case, without the final dot
 * @param ipLiteral  true when the exchange is written as an IP address, which RFC 5321 §5.1 forbids
 * @param addresses  the host's A and AAAA lookups
 */
public record MxHost(int preference, String host, boolean ipLiteral, Addresses addresses) {
    /** The CNAME targets behind the host name; RFC 2181 §10.3 says an MX must not name an alias. */
    public List<String> aliases() {
        return addresses.aliases();
    }

    /** True when the exchange name is an alias (CNAME). */
    public boolean alias() {
        return !aliases().isEmpty();
    }
}
