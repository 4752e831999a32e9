package io.mailtls.policy.dane;

import io.mailtls.policy.HostPatterns;
import io.mailtls.policy.dane.TlsaRecord.MatchingType;
import io.mailtls.policy.dane.TlsaRecord.Selector;
import io.mailtls.policy.dane.TlsaRecord.Usage;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * Matches TLSA records against a served chain as an SMTP DANE client does (RFC 7672 §3.1, RFC 7671 §5):
 * DANE-EE against the leaf with no name or date checks; DANE-TA against an issuer in the chain (or a
 * full trust-anchor key the server left out), with the path to it verified and the leaf's names
 * checked against the reference identifiers.
 */
public final class DaneMatcher {
    /** Only this many certificates of a served chain are examined. */
    public static final int MAX_CHAIN = 10;
    private static final HexFormat HEX = HexFormat.of();

    private DaneMatcher() {
    }

    /**
     * @param records        the TLSA records (unusable ones are skipped)
     * @param chain          the served chain, leaf first
     * @param referenceNames names the leaf must carry for DANE-TA (RFC 7672 §3.2.2: the TLSA base domain, the MX host)
     * @param now            the time for validity checks on DANE-TA paths
     */
    public static DaneMatch match(List<TlsaRecord> records, List<X509Certificate> chain, List<String> referenceNames,
                                  Instant now) {
        List<TlsaRecord> usable = records.stream().filter(TlsaRecord::usable).toList();
        if (chain.isEmpty()) {
            return new DaneMatch(DaneMatch.Verdict.NO_CHAIN, null, -1, List.of("no certificate chain to match"), null);
        }
        List<X509Certificate> certs = chain.subList(0, Math.min(MAX_CHAIN, chain.size()));
        String suggestion = "3 1 1 " + HEX.formatHex(association(certs.getFirst(), Selector.SPKI, MatchingType.SHA256));
        if (usable.isEmpty()) {
            return new DaneMatch(DaneMatch.Verdict.NO_USABLE_RECORDS, null, -1,
                    List.of("no usable TLSA record (only PKIX-TA/PKIX-EE or malformed ones)"), suggestion);
        }
        List<String> evidence = new ArrayList<>();
        for (TlsaRecord record : usable) {
            Attempt attempt = record.usage() == Usage.DANE_EE ? matchEndEntity(record, certs)
                    : matchTrustAnchor(record, certs, referenceNames, now);
            evidence.add(brief(record) + ": " + attempt.why());
            if (attempt.depth() >= 0) {
                return new DaneMatch(DaneMatch.Verdict.MATCH, record, attempt.depth(), evidence, suggestion);
            }
        }
        return new DaneMatch(DaneMatch.Verdict.NO_MATCH, null, -1, evidence, suggestion);
    }

    private record Attempt(int depth, String why) {
    }

    private static Attempt matchEndEntity(TlsaRecord r, List<X509Certificate> chain) {
        byte[] actual = association(chain.getFirst(), r.selector(), r.matchingType());
        if (Arrays.equals(actual, r.raw().data())) {
            return new Attempt(0, "matches the leaf certificate");
        }
        return new Attempt(-1, "the leaf's " + describe(r) + " is " + clip(HEX.formatHex(actual)) + ", no match");
    }

    private static Attempt matchTrustAnchor(TlsaRecord r, List<X509Certificate> chain, List<String> names,
                                            Instant now) {
        String leafNote = "";
        for (int depth = 0; depth < chain.size(); depth++) {
            if (!Arrays.equals(association(chain.get(depth), r.selector(), r.matchingType()), r.raw().data())) {
                continue;
            }
            if (depth == 0) {
                leafNote = "; it matches the leaf, but a DANE-TA record must match an issuing CA";
                continue;
            }
            String broken = verifyPath(chain, depth, now);
            if (broken != null) {
                return new Attempt(-1, "matches the CA at depth " + depth + " (" + subject(chain.get(depth))
                        + "), but " + broken);
            }
            return named(depth, "matches the CA at depth " + depth + " (" + subject(chain.get(depth)) + ")",
                    chain.getFirst(), names);
        }
        if (r.matchingType() == MatchingType.FULL) {
            // RFC 7671 §5.2.2: with "2 1 0" (or "2 0 0") the server may omit the trust anchor itself.
            PublicKey anchor = anchorKey(r);
            X509Certificate top = chain.getLast();
            if (anchor != null && verifies(top, anchor)) {
                String broken = verifyPath(chain, chain.size() - 1, now);
                if (broken != null) {
                    return new Attempt(-1, "the published trust anchor signed the top certificate, but " + broken);
                }
                return named(chain.size(), "the published trust anchor key signed " + subject(top),
                        chain.getFirst(), names);
            }
        }
        return new Attempt(-1, "no certificate in the chain has this " + describe(r) + leafNote);
    }

    private static Attempt named(int depth, String matched, X509Certificate leaf, List<String> references) {
        List<String> leafNames = HostPatterns.certificateNames(leaf);
        for (String reference : references) {
            if (HostPatterns.firstMatch(leafNames, reference) != null) {
                return new Attempt(depth, matched + ", and the leaf names " + reference);
            }
        }
        return new Attempt(-1, matched + ", but the leaf's names " + leafNames + " include none of " + references
                + " (RFC 7672 §3.2.2)");
    }

    /** Checks each certificate below {@code depth} is valid now and signed by the next, which is a CA. */
    private static String verifyPath(List<X509Certificate> chain, int depth, Instant now) {
        for (int k = 0; k < depth; k++) {
            X509Certificate cert = chain.get(k);
            X509Certificate issuer = chain.get(k + 1);
            if (issuer.getBasicConstraints() < 0) {
                return "the certificate at depth " + (k + 1) + " (" + subject(issuer) + ") is not a CA";
            }
            if (!verifies(cert, issuer.getPublicKey())) {
                return "the certificate at depth " + k + " (" + subject(cert) + ") is not signed by the one above it";
            }
            try {
                cert.checkValidity(Date.from(now));
            } catch (CertificateException e) {
                return "the certificate at depth " + k + " (" + subject(cert) + ") is valid only from "
                        + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant();
            }
        }
        return null;
    }

    private static boolean verifies(X509Certificate cert, PublicKey key) {
        try {
            cert.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The public key in a full ("x x 0") DANE-TA record, or null when it does not parse. */
    private static PublicKey anchorKey(TlsaRecord r) {
        byte[] data = r.raw().data();
        try {
            if (r.selector() == Selector.CERT) {
                return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(data))
                        .getPublicKey();
            }
            for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "DSA")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(data));
                } catch (GeneralSecurityException wrongAlgorithm) {
                    // try the next key type
                }
            }
        } catch (CertificateException e) {
            return null;
        }
        return null;
    }

    /** The association data of {@code cert} for a selector and matching type (RFC 6698 §2.1.2-3). */
    public static byte[] association(X509Certificate cert, Selector selector, MatchingType type) {
        try {
            byte[] selected = selector == Selector.CERT ? cert.getEncoded() : cert.getPublicKey().getEncoded();
            return switch (type) {
                case FULL -> selected;
                case SHA256 -> MessageDigest.getInstance("SHA-256").digest(selected);
                case SHA512 -> MessageDigest.getInstance("SHA-512").digest(selected);
            };
        } catch (CertificateException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot encode or hash a parsed certificate", e);
        }
    }

    private static String describe(TlsaRecord r) {
        String what = r.selector() == Selector.CERT ? "certificate" : "public key";
        return switch (r.matchingType()) {
            case FULL -> "full " + what;
            case SHA256 -> what + " SHA-256";
            case SHA512 -> what + " SHA-512";
        };
    }

    private static String brief(TlsaRecord r) {
        var raw = r.raw();
        return raw.usage() + " " + raw.selector() + " " + raw.matchingType() + " " + clip(raw.dataHex());
    }

    private static String clip(String hex) {
        return hex.length() <= 16 ? hex : hex.substring(0, 16) + "...";
    }

    private static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }
}
