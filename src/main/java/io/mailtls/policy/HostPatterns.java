package io.mailtls.policy;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Host names and the patterns matched against them: MTA-STS {@code mx} patterns (RFC 8461 §4.1)
 * and certificate DNS names (RFC 6125 §6.4), where a {@code *} may stand for exactly one leftmost label.
 */
public final class HostPatterns {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int SAN_DNS = 2;

    private HostPatterns() {
    }

    /** Lower case, without a final dot. */
    public static String normalize(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /**
     * True when {@code host} matches {@code pattern}: equal ignoring case, or the pattern is
     * {@code *.rest} and the host is one label followed by {@code .rest}.
     */
    public static boolean matches(String pattern, String host) {
        String p = normalize(pattern);
        String h = normalize(host);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot + 1).equals(p.substring(2));
        }
        return !p.contains("*") && p.equals(h);
    }

    /** True for an RFC 5321 {@code Domain}: dot-separated letter-digit-hyphen labels, no final dot. */
    public static boolean isDomain(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** True for an optional {@code *.} followed by a {@link #isDomain Domain}. */
    public static boolean isPattern(String s) {
        return isDomain(s.startsWith("*.") ? s.substring(2) : s);
    }

    /** The certificate's DNS names: its SAN dNSNames, or its subject CNs when it has none (RFC 6125 §6.4.4). */
    public static List<String> certificateNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            var sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && san.get(0) instanceof Integer type && type == SAN_DNS) {
                        names.add(normalize(String.valueOf(san.get(1))));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // An unparsable SAN extension names nothing; the caller reports the mismatch.
        }
        if (!names.isEmpty()) {
            return names;
        }
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    names.add(normalize(String.valueOf(rdn.getValue())));
                }
            }
        } catch (InvalidNameException e) {
            // No parsable subject: no names.
        }
        return names;
    }

    /** The first of {@code names} that matches {@code host}, or null. */
    public static String firstMatch(List<String> names, String host) {
        return names.stream().filter(n -> matches(n, host)).findFirst().orElse(null);
    }
}
