package io.mailtls.policy.dane;

import io.mailtls.dns.DnsAnswer;
import io.mailtls.dns.DnssecStatus;
import io.mailtls.dns.TlsaRdata;
import java.util.List;

/**
 * DANE facts for one MX host: the DNSSEC status of each lookup on the way, the TLSA records, the verdict.
 *
 * @param mxHost          the MX host name
 * @param port            the SMTP port (25)
 * @param mxDnssec        the DNSSEC status of the domain's MX lookup
 * @param addressDnssec   the DNSSEC status of the host's A/AAAA lookups
 * @param tlsaName        the TLSA name queried last ({@code _25._tcp.HOST})
 * @param tlsa            that TLSA lookup
 * @param records         the TLSA records, judged
 * @param referenceNames  the names a DANE-TA chain's leaf must carry (TLSA base domain, MX host)
 * @param status          the verdict
 * @param reason          the evidence for the verdict, one line
 */
public record DaneFacts(String mxHost, int port, DnssecStatus mxDnssec, DnssecStatus addressDnssec, String tlsaName,
                        DnsAnswer<TlsaRdata> tlsa, List<TlsaRecord> records, List<String> referenceNames,
                        DaneStatus status, String reason) {
    public DaneFacts {
        records = List.copyOf(records);
        referenceNames = List.copyOf(referenceNames);
    }

    /** The records senders can match with. */
    public List<TlsaRecord> usableRecords() {
        return records.stream().filter(TlsaRecord::usable).toList();
    }

    /** The TLSA owner name for a host and port. */
    public static String tlsaName(String host, int port) {
        return "_" + port + "._tcp." + host;
    }
}
