package io.mailtls.lab.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Issues one X.509 v3 certificate with Bouncy Castle's builder, signed through the JDK's providers. */
final class CertificateMaker {

    /**
     * A self-assigned UUID OID (ITU-T X.667 arc 2.25) for the padding extension of the huge chain:
     * no client knows it, and as a non-critical extension every client must skip it.
     */
    static final ASN1ObjectIdentifier PADDING_OID =
            new ASN1ObjectIdentifier("2.25.262470566325232069318213585925733812737");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Whether the certificate is a CA certificate or an end-entity TLS server certificate. */
    enum Role { CA, SERVER }

    /** What goes into one certificate; {@code dnsNames} and {@code padding} may be empty. */
    record Spec(X500Name subject, PublicKey subjectKey, X500Name issuer, KeyPair issuerKeys,
                Instant notBefore, Instant notAfter, Role role, List<String> dnsNames, int padding) {
    }

    private CertificateMaker() {
    }

    static X509Certificate issue(Spec spec) {
        try {
            var builder = new JcaX509v3CertificateBuilder(spec.issuer(), new BigInteger(64, RANDOM).setBit(63),
                    Date.from(spec.notBefore()), Date.from(spec.notAfter()), spec.subject(), spec.subjectKey());
            addExtensions(builder, spec);
            var signer = new JcaContentSignerBuilder(signatureAlgorithm(spec.issuerKeys()))
                    .build(spec.issuerKeys().getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot issue the lab certificate " + spec.subject(), e);
        }
    }

    private static void addExtensions(X509v3CertificateBuilder builder, Spec spec)
            throws CertIOException, GeneralSecurityException {
        var utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                utils.createSubjectKeyIdentifier(spec.subjectKey()));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(spec.issuerKeys().getPublic()));
        if (spec.role() == Role.CA) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        } else {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            // An RSA key used for static RSA key exchange must allow keyEncipherment, or clients refuse it.
            int usage = "RSA".equals(spec.subjectKey().getAlgorithm())
                    ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                    : KeyUsage.digitalSignature;
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth,
                        KeyPurposeId.id_kp_clientAuth}));
        }
        if (!spec.dnsNames().isEmpty()) {
            GeneralName[] names = spec.dnsNames().stream()
                    .map(name -> new GeneralName(GeneralName.dNSName, name))
                    .toArray(GeneralName[]::new);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        if (spec.padding() > 0) {
            builder.addExtension(PADDING_OID, false, new DEROctetString(padding(spec.padding())));
        }
    }

    private static byte[] padding(int size) {
        byte[] text = "mailtls lab huge-chain padding. ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = text[i % text.length];
        }
        return out;
    }

    private static String signatureAlgorithm(KeyPair issuer) {
        return switch (issuer.getPrivate().getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("unsupported issuer key " + issuer.getPrivate().getAlgorithm());
        };
    }
}
