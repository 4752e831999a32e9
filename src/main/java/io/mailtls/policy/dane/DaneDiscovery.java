package io.mailtls.policy.dane;

import io.mailtls.dns.DnsAnswer;
import io.mailtls.dns.DnsClient;
import io.mailtls.dns.DnssecStatus;
import io.mailtls.dns.MxHost;
import io.mailtls.dns.TlsaRdata;
import java.util.ArrayList;
import java.util.List;

/** Looks up an MX host's TLSA records and decides whether DANE applies (RFC 7672 §2.2). */
public final class DaneDiscovery {
    /** The SMTP port whose TLSA records matter for MX delivery. */
    public static final int SMTP_PORT = 25;

    private final DnsClient dns;

    public DaneDiscovery(DnsClient dns) {
        this.dns = dns;
    }

    /**
     * Finds the TLSA records of {@code host}. When the host name is a CNAME, the expanded name is
     * the TLSA base domain and is tried first, then the original name (RFC 7672 §2.2.3).
     *
     * @param mxDnssec the DNSSEC status of the MX lookup that named this host
     */
    public DaneFacts lookup(MxHost host, DnssecStatus mxDnssec, int port) {
        DnssecStatus addressStatus = host.addresses().dnssec();
        List<String> bases = new ArrayList<>();
        if (host.alias() && addressStatus == DnssecStatus.SECURE) {
            bases.add(host.aliases().getLast());
        }
        bases.add(host.host());
        String name = null;
        DnsAnswer<TlsaRdata> tlsa = null;
        for (String base : bases) {
            name = DaneFacts.tlsaName(base, port);
            tlsa = dns.tlsa(name);
            if (!tlsa.outcome().absent()) {
                break;
            }
        }
        return judge(host.host(), port, mxDnssec, addressStatus, name, tlsa, bases);
    }

    /** The verdict from the three lookups' statuses and the TLSA answer. */
    static DaneFacts judge(String host, int port, DnssecStatus mxDnssec, DnssecStatus addressDnssec, String tlsaName,
                           DnsAnswer<TlsaRdata> tlsa, List<String> referenceNames) {
        List<TlsaRecord> records = TlsaParser.parse(tlsa.records());
        DaneStatus status;
        String reason;
        if (mxDnssec == DnssecStatus.BOGUS) {
            status = DaneStatus.BOGUS;
            reason = "the MX lookup fails DNSSEC validation";
        } else if (addressDnssec == DnssecStatus.BOGUS) {
            status = DaneStatus.BOGUS;
            reason = "the address lookup of " + host + " fails DNSSEC validation";
        } else if (tlsa.dnssec() == DnssecStatus.BOGUS) {
            status = DaneStatus.BOGUS;
            reason = "the TLSA lookup fails DNSSEC validation: " + tlsa.summary();
        } else if (tlsa.outcome().absent()) {
            status = DaneStatus.NONE;
            reason = tlsa.summary();
        } else if (!tlsa.outcome().conclusive()) {
            boolean matters = mxDnssec == DnssecStatus.SECURE && addressDnssec == DnssecStatus.SECURE;
            status = matters ? DaneStatus.LOOKUP_FAILED : DaneStatus.NONE;
            reason = tlsa.summary() + (matters ? "" : "; moot, since the MX host is not DNSSEC-secure");
        } else if (mxDnssec != DnssecStatus.SECURE || addressDnssec != DnssecStatus.SECURE
                || tlsa.dnssec() != DnssecStatus.SECURE) {
            status = DaneStatus.INSECURE;
            reason = "DNSSEC status: MX " + mxDnssec + ", address " + addressDnssec + ", TLSA " + tlsa.dnssec()
                    + "; DANE senders use TLSA records only when all three are SECURE";
        } else if (records.stream().noneMatch(TlsaRecord::usable)) {
            status = DaneStatus.UNUSABLE;
            reason = records.size() + " TLSA record(s), none usable: "
                    + records.stream().map(TlsaRecord::reason).distinct().toList();
        } else {
            status = DaneStatus.USABLE;
            reason = records.stream().filter(TlsaRecord::usable).count() + " usable TLSA record(s) at " + tlsaName;
        }
        return new DaneFacts(host, port, mxDnssec, addressDnssec, tlsaName, tlsa, records, referenceNames, status,
                reason);
    }
}
