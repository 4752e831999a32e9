package io.mailtls.cert;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * The facts of one X.509 certificate, as reports show them and as checks judge them.
 *
 * @param subject            subject distinguished name, RFC 2253
 * @param issuer             issuer distinguished name, RFC 2253
 * @param commonName         the most specific subject CN, or null when the subject has none
 * @param notBefore          start of validity
 * @param notAfter           end of validity
 * @param san                subjectAltName: DNS names first, then IP addresses, in textual form
 * @param ipAddresses        the IP addresses of {@code san} (its tail), kept apart because an IP
 *                           reference matches only iPAddress entries (RFC 6125 §6.2.1)
 * @param key                display form of the public key: "RSA 2048", "EC 256 (secp256r1)", "Ed25519"
 * @param keyAlgorithm       the key family for checks: RSA, RSASSA-PSS, DSA, EC, Ed25519, Ed448, or the JDK's name
 * @param keyBits            modulus size (RSA, DSA), field size (EC), 255/448 (EdDSA), 0 when unknown
 * @param signature          the JDK's signature algorithm name ("SHA256withRSA")
 * @param signatureHash      the digest used by the signature ("SHA-256", "SHA-1", "MD5"), or "" when the
 *                           algorithm has none of its own (EdDSA) or it cannot be told
 * @param sha256             lower-case hex SHA-256 of the DER encoding
 * @param selfIssued         subject equals issuer (a root, or a self-signed leaf)
 */
public record CertificateInfo(
        String subject,
        String issuer,
        String commonName,
        Instant notBefore,
        Instant notAfter,
        List<String> san,
        List<String> ipAddresses,
        String key,
        String keyAlgorithm,
        int keyBits,
        String signature,
        String signatureHash,
        String sha256,
        boolean selfIssued) {

    public CertificateInfo {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        san = List.copyOf(san);
        ipAddresses = List.copyOf(ipAddresses);
        if (ipAddresses.size() > san.size()
                || !san.subList(san.size() - ipAddresses.size(), san.size()).equals(ipAddresses)) {
            throw new IllegalArgumentException("ipAddresses must be the tail of san");
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(signature, "signature");
        signatureHash = signatureHash == null ? "" : signatureHash;
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Reads the facts of a parsed certificate; never throws for odd but parsed certificates. */
    public static CertificateInfo of(X509Certificate cert) {
        Objects.requireNonNull(cert, "cert");
        SubjectAltNames names = SubjectAltNames.of(cert);
        List<String> san = names.all();
        KeyFacts key = KeyFacts.of(cert.getPublicKey());
        return new CertificateInfo(
                cert.getSubjectX500Principal().getName(X500Principal.RFC2253),
                cert.getIssuerX500Principal().getName(X500Principal.RFC2253),
                SubjectAltNames.commonName(cert),
                cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(),
                san,
                names.ipAddresses(),
                key.display(),
                key.algorithm(),
                key.bits(),
                cert.getSigAlgName(),
                KeyFacts.signatureHash(cert),
                sha256Hex(cert),
                cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()));
    }

    /** The DNS names of the subjectAltName (the head of {@link #san()}). */
    public List<String> dnsNames() {
        return san.subList(0, san.size() - ipAddresses.size());
    }

    /** True when {@code now} lies after the end of validity. */
    public boolean expiredAt(Instant now) {
        return now.isAfter(notAfter);
    }

    /** True when {@code now} lies before the start of validity. */
    public boolean notYetValidAt(Instant now) {
        return now.isBefore(notBefore);
    }

    static String sha256Hex(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            // A certificate that came out of a CertificateFactory always re-encodes; keep a marker anyway.
            return "";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
