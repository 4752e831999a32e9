package io.mailtls.cert;

import java.net.IDN;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 6125 matching of a reference name against a certificate's presented identifiers, and the
 * RFC 8461 §4.1 rule for MTA-STS {@code mx:} patterns.
 *
 * <p>Rules: DNS subjectAltNames only when the certificate has any, the subject CN only when it
 * has none (as OpenSSL, which most mail senders use, does); a wildcard only as the whole
 * leftmost label, matching exactly one non-empty label, never an IDN A-label, never in a
 * two-label pattern such as {@code *.com}; case-insensitive; one trailing dot ignored; an IP
 * address matches iPAddress entries only.
 */
public final class HostnameMatcher {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** RFC 1035 bounds a name to 253 characters in text form; anything longer is not a host name. */
    private static final int MAX_NAME_LENGTH = 253;
    private static final String CN_FALLBACK_NOTE = "matched the subject CN because the certificate has no DNS"
            + " subjectAltName; RFC 6125 deprecates this and some clients ignore the CN";

    private HostnameMatcher() {}

    /** Matches {@code referenceName} (a host name, U-label or A-label, or an IP address) against {@code cert}. */
    public static NameMatch match(String referenceName, CertificateInfo cert) {
        if (referenceName == null || referenceName.isBlank()) {
            return NameMatch.none("no reference name to match");
        }
        String reference = referenceName.strip();
        Optional<InetAddress> ip = ipLiteral(reference);
        if (ip.isPresent()) {
            for (String presented : cert.ipAddresses()) {
                if (ipLiteral(presented).equals(ip)) {
                    return new NameMatch(true, "IP:" + presented, false, "");
                }
            }
            return NameMatch.none(cert.ipAddresses().isEmpty()
                    ? "an IP address matches only iPAddress subjectAltName entries, and the certificate has none"
                    : "");
        }
        String ascii = normalize(reference);
        if (ascii == null) {
            return NameMatch.none("'" + PemCertificates.printable(reference) + "' is not a valid host name");
        }
        if (!cert.dnsNames().isEmpty()) {
            for (String presented : cert.dnsNames()) {
                if (matchesNormalized(ascii, presented)) {
                    return new NameMatch(true, "DNS:" + presented, false, "");
                }
            }
            return NameMatch.none("");
        }
        if (cert.commonName() != null && matchesNormalized(ascii, cert.commonName())) {
            return new NameMatch(true, "CN:" + cert.commonName(), true, CN_FALLBACK_NOTE);
        }
        return NameMatch.none(cert.commonName() == null
                ? "the certificate has no DNS subjectAltName and no CN" : "the certificate has no DNS subjectAltName");
    }

    /** True when the presented DNS identifier (possibly a wildcard) matches the reference host name. */
    public static boolean matchesDnsId(String referenceName, String presentedName) {
        String reference = referenceName == null ? null : normalize(referenceName.strip());
        return reference != null && matchesNormalized(reference, presentedName);
    }

    /**
     * RFC 8461 §4.1: an MTA-STS {@code mx:} pattern is a host name or {@code *.} plus a domain;
     * {@code *.example.com} covers {@code mail.example.com} but neither {@code example.com} nor
     * {@code foo.bar.example.com}.
     */
    public static boolean mtaStsMxMatches(String mxPattern, String mxHost) {
        if (mxPattern == null || mxHost == null) {
            return false;
        }
        String host = normalize(mxHost.strip());
        if (host == null) {
            return false;
        }
        String pattern = mxPattern.strip();
        if (pattern.startsWith("*.")) {
            String domain = normalize(pattern.substring(2));
            int dot = host.indexOf('.');
            return domain != null && dot > 0 && host.substring(dot + 1).equals(domain);
        }
        String exact = normalize(pattern);
        return exact != null && exact.equals(host);
    }

    /** The address when {@code text} is an IPv4 dotted quad or an IPv6 literal (brackets allowed); never asks DNS. */
    public static Optional<InetAddress> ipLiteral(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (!IPV4.matcher(s).matches() && !(s.indexOf(':') >= 0 && s.chars().allMatch(HostnameMatcher::ipv6Char))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(s)); // a literal only: no lookup can happen
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean ipv6Char(int c) {
        return c == ':' || c == '.' || Character.digit(c, 16) >= 0;
    }

    private static boolean matchesNormalized(String reference, String presentedName) {
        String presented = presentedName == null ? null : stripDot(presentedName.toLowerCase(Locale.ROOT));
        if (presented == null || presented.isEmpty() || !isAscii(presented)) {
            return false; // presented identifiers must be A-labels (RFC 6125 §6.4.2)
        }
        int star = presented.indexOf('*');
        if (star < 0) {
            return validLabels(presented) && presented.equals(reference);
        }
        // Only "*." + domain: no partial wildcard (f*.example.com), no second star, no star elsewhere.
        if (star != 0 || !presented.startsWith("*.") || presented.indexOf('*', 1) >= 0) {
            return false;
        }
        String domain = presented.substring(2);
        if (!validLabels(domain) || domain.indexOf('.') < 0) {
            return false; // "*.com": a wildcard over a public-suffix-like name
        }
        int dot = reference.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        String firstLabel = reference.substring(0, dot);
        return !firstLabel.startsWith("xn--") && reference.substring(dot + 1).equals(domain);
    }

    /** Lower-case A-label form without trailing dot, or null when it is not a plausible host name. */
    private static String normalize(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH + 1 || name.indexOf('*') >= 0) {
            return null;
        }
        String ascii;
        try {
            ascii = isAscii(name) ? name : IDN.toASCII(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String result = stripDot(ascii.toLowerCase(Locale.ROOT));
        return validLabels(result) ? result : null;
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static boolean validLabels(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
