package io.mailtls.testsupport;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
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

/** Issues CA, intermediate and server certificates with Bouncy Castle's builders, using the JDK's providers. */
final class CertificateIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    /** A certificate with the private key that belongs to it. */
    record Issued(X509Certificate certificate, PrivateKey key) {
    }

    static KeyPair newKeyPair(TestPki.KeyAlgorithm algorithm) {
        try {
            return switch (algorithm) {
                case RSA -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048, RANDOM);
                    yield g.generateKeyPair();
                }
                case EC -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                    yield g.generateKeyPair();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a " + algorithm + " key", e);
        }
    }

    static Issued rootCa(String commonName, KeyPair keys, Instant notBefore, Instant notAfter) {
        X500Name name = name(commonName);
        return sign(builder(name, name, keys, notBefore, notAfter), keys, keys.getPrivate(), true, null);
    }

    static Issued intermediateCa(Issued issuer, String commonName, KeyPair keys, Instant notBefore, Instant notAfter) {
        X500Name subject = name(commonName);
        X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        var b = builder(issuerName, subject, keys, notBefore, notAfter);
        return sign(b, keys, issuer.key(), true, issuer.certificate());
    }

    /** A server certificate for dnsName; a null issuer makes it self-signed. */
    static Issued server(Issued issuer, String dnsName, KeyPair keys, Instant notBefore, Instant notAfter) {
        X500Name subject = name(dnsName);
        X500Name issuerName = issuer == null
                ? subject
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        var b = builder(issuerName, subject, keys, notBefore, notAfter);
        try {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.key();
        return sign(b, keys, signer, false, issuer == null ? null : issuer.certificate());
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "mailtls test PKI")
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys,
                                                    Instant notBefore, Instant notAfter) {
        // Positive, 63 bits: unique enough for a throwaway PKI and within RFC 5280's 20 octets.
        BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter),
                subject, keys.getPublic());
    }

    private static Issued sign(X509v3CertificateBuilder b, KeyPair subjectKeys, PrivateKey signer, boolean ca,
                               X509Certificate issuerCertificate) {
        try {
            var ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(true) : new BasicConstraints(false));
            int usage = ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature
                      | ("RSA".equals(subjectKeys.getPublic().getAlgorithm()) ? KeyUsage.keyEncipherment : 0);
            b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            if (issuerCertificate != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(issuerCertificate));
            }
            String algorithm = "RSA".equals(signer.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            var holder = b.build(new JcaContentSignerBuilder(algorithm).build(signer));
            return new Issued(new JcaX509CertificateConverter().getCertificate(holder), subjectKeys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }
}
