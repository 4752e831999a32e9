package io.mailtls.cert;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.NamingException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The names a certificate presents: subjectAltName DNS and IP entries, and the subject CN. */
record SubjectAltNames(List<String> dnsNames, List<String> ipAddresses) {
    private static final Logger LOG = LoggerFactory.getLogger(SubjectAltNames.class);
    // GeneralName tags, RFC 5280 §4.2.1.6
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    static SubjectAltNames of(X509Certificate cert) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        Collection<List<?>> entries;
        try {
            entries = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            // The handshake already accepted the bytes; an unreadable extension is reported as "no SAN".
            LOG.debug("unreadable subjectAltName in {}: {}", cert.getSubjectX500Principal(), e.getMessage());
            entries = null;
        }
        if (entries != null) {
            for (List<?> entry : entries) {
                if (entry.size() < 2 || !(entry.get(0) instanceof Integer tag) || !(entry.get(1) instanceof String value)) {
                    continue;
                }
                if (tag == DNS_NAME) {
                    dns.add(value);
                } else if (tag == IP_ADDRESS) {
                    ips.add(value);
                }
            }
        }
        return new SubjectAltNames(List.copyOf(dns), List.copyOf(ips));
    }

    /** DNS names first, then IP addresses: the order {@link CertificateInfo#san()} promises. */
    List<String> all() {
        List<String> all = new ArrayList<>(dnsNames);
        all.addAll(ipAddresses);
        return all;
    }

    /** The most specific (last in DER order) CN of the subject, or null. */
    static String commonName(X509Certificate cert) {
        try {
            // LdapName lists RDNs from the least specific (index 0) to the most specific.
            List<Rdn> rdns = new LdapName(cert.getSubjectX500Principal().getName(X500Principal.RFC2253)).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                var attributes = rdns.get(i).toAttributes().get("CN");
                if (attributes != null && attributes.get() instanceof String cn) {
                    return cn;
                }
            }
        } catch (NamingException e) {
            LOG.debug("unreadable subject {}: {}", cert.getSubjectX500Principal(), e.getMessage());
        }
        return null;
    }
}
