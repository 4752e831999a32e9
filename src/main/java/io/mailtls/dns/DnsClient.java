package io.mailtls.dns;

import java.net.InetAddress;

/**
 * A small DNS client whose every answer carries its outcome and DNSSEC status.
 *
 * <p>Implementations never throw for network or data problems: a failed lookup is a {@link DnsAnswer}
 * with a failure outcome and the evidence. Every method returns within the client's deadline.
 */
public interface DnsClient extends AutoCloseable {
    /** The MX records of {@code domain}, sorted by preference, then host. */
    DnsAnswer<MxRecord> mx(String domain);

    /** The A and AAAA records of {@code host}, following CNAMEs. */
    Addresses addresses(String host);

    /** The TXT records at {@code name}, following CNAMEs. */
    DnsAnswer<TxtRecord> txt(String name);

    /** The TLSA records at {@code name} (e.g. {@code _25._tcp.mx.example.org}), following CNAMEs. */
    DnsAnswer<TlsaRdata> tlsa(String name);

    /** The CNAME record at {@code name} itself, not followed. */
    DnsAnswer<String> cname(String name);

    /** The A (or AAAA) lookup alone; {@link #addresses} asks both. */
    DnsAnswer<InetAddress> address(String host, boolean ipv6);

    /** Releases nothing by default; present so callers can use try-with-resources. */
    @Override
    default void close() {
    }

    /** A client over dnsjava that validates DNSSEC with {@code config}'s trust anchors. */
    static DnsClient create(DnsConfig config) {
        return new ValidatingDnsClient(config);
    }
}
