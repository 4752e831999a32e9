package io.mailtls.check;

import io.mailtls.cert.CertificateFacts;
import io.mailtls.cert.CertificateInfo;
import io.mailtls.cert.ChainIssue;
import io.mailtls.cert.ChainValidation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Judges an endpoint's certificate facts: trust, validity dates, name, key size, signature hash
 * and chain order. A pure function; findings carry no endpoint (the caller attaches it).
 */
public final class CertificateChecks {
    /** A certificate closer than this to its end is flagged CERT_EXPIRING. */
    public static final Duration EXPIRING_WINDOW = Duration.ofDays(30);
    /** Minimum RSA and DSA modulus size in bits. */
    public static final int MIN_RSA_BITS = 2048;
    /** Minimum elliptic-curve field size in bits. */
    public static final int MIN_EC_BITS = 256;
    private static final Set<String> WEAK_HASHES = Set.of("MD2", "MD5", "SHA-1");

    private static final String RELOAD = "then reload the MTA (Postfix: `postfix reload`; Exchange: restart the"
            + " MSExchangeTransport service)";
    private static final String CHAIN_FILE = "in Postfix, smtpd_tls_chain_files with the leaf key, leaf cert, then"
            + " intermediates (certbot's fullchain.pem, not cert.pem); in Exim, tls_certificate pointing at the full chain;"
            + " for Exchange, import the intermediate into the Local Computer's Intermediate Certification Authorities store"
            + " (certlm.msc)";

    private CertificateChecks() {}

    /** All certificate findings for {@code facts}, worst causes first, then the passed checks. */
    public static List<Finding> check(CertificateFacts facts) {
        List<Finding> findings = new ArrayList<>();
        trust(facts, findings);
        List<CertificateInfo> path = scanned(facts);
        validity(facts, path, findings);
        name(facts, findings);
        keys(path, findings);
        signatures(path, findings);
        order(facts.validation(), findings);
        return List.copyOf(findings);
    }

    private static void trust(CertificateFacts facts, List<Finding> out) {
        ChainValidation v = facts.validation();
        String detail = clean(v.detail());
        switch (v.reason()) {
            case TRUSTED -> out.add(ok("CERT_TRUSTED", "Certificate chain is trusted", detail));
            case EXPIRED, NOT_YET_VALID -> { } // the validity check names the certificate and its dates
            case SELF_SIGNED -> out.add(new Finding("CERT_SELF_SIGNED", Severity.HIGH, "Certificate is self-signed", detail,
                    "Install a certificate from a CA that senders trust, for example a free Let's Encrypt certificate for "
                            + certName(facts) + " (certbot certonly -d " + certName(facts) + ", or acme.sh), with its"
                            + " intermediates: " + CHAIN_FILE + "; " + RELOAD + ". If you rely on DANE instead, publish a"
                            + " TLSA record '3 1 1' for this key in a DNSSEC-signed zone: DANE senders accept it.",
                    null));
            case UNTRUSTED_ROOT -> out.add(high("CERT_UNTRUSTED", "Certificate chain ends at an untrusted root", detail,
                    "Use a certificate issued by a public CA that senders trust; a private root is trusted only by senders"
                            + " configured for it. If your senders do trust this root, check again with --ca-file ROOT.pem."));
            case INCOMPLETE_CHAIN -> out.add(new Finding("CERT_CHAIN_INCOMPLETE", Severity.MEDIUM,
                    "Server does not send the intermediate certificate", detail,
                    "Install the intermediate certificate '" + clean(v.missingIssuer()) + "' in the chain file: "
                            + CHAIN_FILE + "; " + RELOAD + ".",
                    null));
            case BAD_SIGNATURE -> out.add(high("CERT_UNTRUSTED", "Certificate chain has a signature that does not verify",
                    detail, "Serve the intermediate that actually issued the certificate (the CA's current intermediate,"
                            + " delivered with the certificate as the full chain): " + CHAIN_FILE + "; " + RELOAD + "."));
            case DISALLOWED_ALGORITHM -> out.add(high("CERT_UNTRUSTED", "Certificate chain uses a disallowed algorithm",
                    detail, "Reissue the certificate with an RSA 2048+ or ECDSA P-256 key and a SHA-256 signature, and"
                            + " install the CA's current intermediates."));
            case WRONG_USAGE -> out.add(high("CERT_UNTRUSTED", "Certificate is not valid for a TLS server", detail,
                    "Reissue the certificate with extendedKeyUsage serverAuth (OpenSSL: extendedKeyUsage = serverAuth)."));
            case NO_CERTIFICATE -> out.add(high("CERT_UNTRUSTED", "Server sent no certificate", detail,
                    "Configure a certificate (Postfix: smtpd_tls_chain_files) and disable anonymous cipher suites."));
            case CHAIN_TOO_LONG -> out.add(high("CERT_UNTRUSTED", "Certificate chain is too long", detail,
                    "Send only the leaf and its intermediates, at most a handful of certificates: remove the extra"
                            + " certificates from the chain file; " + RELOAD + "."));
            case OTHER -> out.add(high("CERT_UNTRUSTED", "Certificate chain fails validation", detail,
                    "Reissue the certificate the detail names, from a CA chain that satisfies the constraints; check with"
                            + " `openssl verify -untrusted intermediates.pem leaf.pem`."));
        }
    }

    private static void validity(CertificateFacts facts, List<CertificateInfo> path, List<Finding> out) {
        Instant now = facts.now();
        List<String> expired = describe(path, c -> c.expiredAt(now), c -> "'" + clean(c.subject()) + "' expired at "
                + c.notAfter() + ", " + days(now, c.notAfter()) + " days before this check (" + now + ")");
        List<String> notYet = describe(path, c -> c.notYetValidAt(now), c -> "'" + clean(c.subject()) + "' is valid only"
                + " from " + c.notBefore() + ", " + days(now, c.notBefore()) + " days after this check (" + now + ")");
        Predicate<CertificateInfo> expiring = c -> !c.expiredAt(now) && !c.notYetValidAt(now)
                && c.notAfter().isBefore(now.plus(EXPIRING_WINDOW));
        List<String> soon = describe(path, expiring, c -> "'" + clean(c.subject()) + "' expires at " + c.notAfter()
                + ", " + days(c.notAfter(), now) + " days after this check (" + now + ")");
        boolean leafExpired = !path.isEmpty() && path.getFirst().expiredAt(now);
        if (!expired.isEmpty()) {
            out.add(high("CERT_EXPIRED", leafExpired ? "Certificate expired" : "An intermediate certificate expired",
                    String.join("; ", expired), leafExpired
                            ? "Renew the certificate and install it with its intermediates (Postfix: smtpd_tls_chain_files;"
                                    + " Exchange: Import-ExchangeCertificate, then Enable-ExchangeCertificate -Services SMTP); "
                                    + RELOAD + ". Automate renewal, e.g. certbot or acme.sh with a deploy hook that reloads the MTA."
                            : "Replace the expired intermediate in the chain file with the CA's current one: " + CHAIN_FILE
                                    + "; " + RELOAD + "."));
        }
        if (!notYet.isEmpty()) {
            out.add(high("CERT_NOT_YET_VALID", "Certificate is not yet valid", String.join("; ", notYet),
                    "Keep serving the previous certificate until this one starts, or reissue it with a start date in the"
                            + " past (a wrong clock on the machine that made it is the usual cause: check NTP there)."));
        }
        if (!soon.isEmpty()) {
            out.add(new Finding("CERT_EXPIRING", Severity.LOW, "Certificate expires in "
                    + days(earliestEnd(path, expiring), now) + " days", String.join("; ", soon),
                    "Renew it now, and check that automatic renewal runs (certbot renew / acme.sh cron) and reloads the MTA"
                            + " afterwards (Postfix: `postfix reload`).", null));
        }
        if (expired.isEmpty() && notYet.isEmpty() && soon.isEmpty() && !path.isEmpty()) {
            CertificateInfo leaf = path.getFirst();
            out.add(ok("CERT_VALIDITY_OK", "Certificate dates are valid", "'" + clean(leaf.subject()) + "' is valid from "
                    + leaf.notBefore() + " to " + leaf.notAfter() + " (" + days(leaf.notAfter(), now) + " days left)"));
        }
    }

    private static void name(CertificateFacts facts, List<Finding> out) {
        CertificateInfo leaf = facts.leaf();
        if (facts.expectedName() == null || leaf == null) {
            return; // nothing to match, or no certificate: the trust finding already says so
        }
        String expected = clean(facts.expectedName());
        String note = facts.nameNote().isEmpty() ? "" : " (" + clean(facts.nameNote()) + ")";
        if (facts.nameMatches()) {
            out.add(ok("CERT_NAME_OK", "Certificate matches " + expected, "'" + expected + "' matches "
                    + clean(facts.matchedBy()) + " of '" + clean(leaf.subject()) + "'" + note));
            return;
        }
        List<String> names = new ArrayList<>();
        leaf.dnsNames().forEach(n -> names.add("DNS:" + n));
        leaf.ipAddresses().forEach(n -> names.add("IP:" + n));
        String presented = names.isEmpty() ? "no subjectAltName" : "subjectAltName " + String.join(", ", names);
        String cn = leaf.commonName() == null ? "no CN" : "CN " + leaf.commonName();
        out.add(high("CERT_NAME_MISMATCH", "Certificate does not match " + expected, "expected '" + expected
                        + "'; the certificate '" + clean(leaf.subject()) + "' presents " + clean(presented) + " (" + clean(cn)
                        + ")" + note,
                "Install a certificate whose subjectAltName lists " + expected + " (the host name senders connect to:"
                        + " the target of your MX record), e.g. certbot certonly -d " + expected + "; or point the MX record"
                        + " at a name the certificate lists. Postfix can serve a certificate per name with"
                        + " tls_server_sni_maps; " + RELOAD + "."));
    }

    private static void keys(List<CertificateInfo> path, List<Finding> out) {
        List<String> weak = describe(path, CertificateChecks::weakKey, c -> "'" + clean(c.subject()) + "' has an "
                + c.key() + " key");
        if (!weak.isEmpty()) {
            out.add(new Finding("CERT_WEAK_KEY", Severity.MEDIUM, "Certificate key is too small",
                    String.join("; ", weak) + " (minimum: RSA " + MIN_RSA_BITS + ", EC " + MIN_EC_BITS + ")",
                    "Reissue the certificate with a new RSA key of 3072 bits (2048 at least) or an ECDSA P-256 key, e.g."
                            + " `openssl req -new -newkey rsa:3072 -nodes -keyout mx.key -out mx.csr` or"
                            + " `certbot --key-type ecdsa`; if an intermediate is weak, move to the CA's current chain.",
                    null));
        } else if (!path.isEmpty()) {
            out.add(ok("CERT_KEY_OK", "Certificate keys are strong enough", "the leaf has an " + path.getFirst().key()
                    + " key; every certificate of the path meets RSA " + MIN_RSA_BITS + " / EC " + MIN_EC_BITS));
        }
    }

    private static void signatures(List<CertificateInfo> path, List<Finding> out) {
        Predicate<CertificateInfo> weak = c -> !c.selfIssued() && WEAK_HASHES.contains(c.signatureHash());
        List<String> found = describe(path, weak, c -> "'" + clean(c.subject()) + "' is signed with " + c.signature());
        if (!found.isEmpty()) {
            String hashes = String.join(" and ", path.stream().filter(weak).map(CertificateInfo::signatureHash)
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
            out.add(new Finding("CERT_WEAK_SIGNATURE", Severity.MEDIUM, "Certificate is signed with " + hashes,
                    String.join("; ", found),
                    "Reissue the certificate: CAs sign with SHA-256 or better today; if an intermediate is signed with "
                            + hashes + ", install the CA's current intermediate instead.",
                    null));
        } else if (!path.isEmpty()) {
            out.add(ok("CERT_SIGNATURE_OK", "Certificate signatures use strong hashes", "the leaf is signed with "
                    + path.getFirst().signature()));
        }
    }

    private static void order(ChainValidation v, List<Finding> out) {
        List<ChainIssue> issues = v.issues().stream().filter(i -> i.kind() != ChainIssue.Kind.TOO_LONG).toList();
        if (issues.isEmpty()) {
            return;
        }
        String title = v.has(ChainIssue.Kind.OUT_OF_ORDER) ? "Certificate chain is sent out of order"
                : "Certificate chain holds certificates it does not need";
        out.add(new Finding("CERT_CHAIN_ORDER", Severity.INFO, title,
                clean(String.join("; ", issues.stream().map(ChainIssue::detail).toList())),
                "Send the leaf first, then each intermediate in order, and nothing else: in Postfix, list them in"
                        + " smtpd_tls_chain_files as leaf key, leaf cert, then intermediates; in Exim, order the tls_certificate"
                        + " file the same way; remove certificates that belong to no path; " + RELOAD + ".", null));
    }

    /** The certificates the date, key and signature checks look at: the path, plus the one validation blamed. */
    private static List<CertificateInfo> scanned(CertificateFacts facts) {
        List<CertificateInfo> path = new ArrayList<>(facts.pathCertificates());
        int at = facts.validation().failingIndex();
        if (at >= 0 && at < facts.chain().size() && !facts.validation().path().contains(at)) {
            path.add(facts.chain().get(at));
        }
        return path;
    }

    private static boolean weakKey(CertificateInfo c) {
        return switch (c.keyAlgorithm()) {
            case "RSA", "RSASSA-PSS", "DSA" -> c.keyBits() > 0 && c.keyBits() < MIN_RSA_BITS;
            case "EC" -> c.keyBits() > 0 && c.keyBits() < MIN_EC_BITS;
            default -> false;
        };
    }

    private static List<String> describe(List<CertificateInfo> certs, Predicate<CertificateInfo> which,
            Function<CertificateInfo, String> how) {
        return certs.stream().filter(which).map(how).toList();
    }

    private static Instant earliestEnd(List<CertificateInfo> certs, Predicate<CertificateInfo> which) {
        return certs.stream().filter(which).map(CertificateInfo::notAfter).min(Instant::compareTo).orElseThrow();
    }

    private static long days(Instant later, Instant earlier) {
        return Duration.between(earlier, later).toDays();
    }

    private static String certName(CertificateFacts facts) {
        if (facts.expectedName() != null) {
            return clean(facts.expectedName());
        }
        CertificateInfo leaf = facts.leaf();
        return leaf != null && leaf.commonName() != null ? clean(leaf.commonName()) : "your MX host name";
    }

    private static Finding ok(String id, String title, String detail) {
        return new Finding(id, Severity.OK, title, detail, "", null);
    }

    private static Finding high(String id, String title, String detail, String fix) {
        return new Finding(id, Severity.HIGH, title, detail, fix, null);
    }

    /** Certificate fields come from the network: keep them on one line. */
    private static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return out.toString();
    }
}
