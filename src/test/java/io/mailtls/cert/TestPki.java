package io.mailtls.cert;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throwaway certificates for tests, made with Bouncy Castle: roots, intermediates, leaves, faults. */
public final class TestPki {
    /** The instant every test judges at. */
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final AtomicLong SERIAL = new AtomicLong(1000);
    private static KeyPair rsa2048;

    /** A certificate and its key pair. */
    public record Issued(X509Certificate cert, KeyPair keys) {
        public String subject() {
            return cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        }
    }

    private TestPki() {}

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-224 key: the JDK no longer generates one, Bouncy Castle does (and the JDK still parses it). */
    public static KeyPair ec224() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
            g.initialize(new ECGenParameterSpec("secp224r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec256() {
        return ec("secp256r1");
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One RSA 2048 key shared by the tests that need one (generating it costs about 100 ms). */
    public static synchronized KeyPair rsa2048() {
        if (rsa2048 == null) {
            rsa2048 = rsa(2048);
        }
        return rsa2048;
    }

    public static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Builder cert(String subject) {
        return new Builder(subject);
    }

    /** A root CA (self-signed, EC P-256) named {@code CN=<name>}. */
    public static Issued root(String name) {
        return cert("CN=" + name + ",O=mailtls test").ca().build();
    }

    /** An intermediate CA issued by {@code issuer}. */
    public static Issued intermediate(String name, Issued issuer) {
        return cert("CN=" + name + ",O=mailtls test").ca().issuer(issuer).build();
    }

    /** A server leaf for {@code dnsName} issued by {@code issuer}, valid a year around {@link #NOW}. */
    public static Issued leaf(String dnsName, Issued issuer) {
        return cert("CN=" + dnsName).dns(dnsName).serverAuth().issuer(issuer).build();
    }

    /** The PEM text of certificates. */
    public static String pem(X509Certificate... certs) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate cert : certs) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    /** Builds one certificate; defaults: EC P-256 key, self-signed, valid NOW-180d..NOW+180d, no extensions. */
    public static final class Builder {
        private final String subject;
        private KeyPair keys;
        private Issued issuer;
        private Instant notBefore = NOW.minus(Duration.ofDays(180));
        private Instant notAfter = NOW.plus(Duration.ofDays(180));
        private final List<GeneralName> names = new ArrayList<>();
        private boolean ca;
        private KeyPurposeId[] usages;
        private String signatureAlgorithm;
        private KeyPair signingKeyOverride;

        private Builder(String subject) {
            this.subject = subject;
        }

        public Builder key(KeyPair k) {
            keys = k;
            return this;
        }

        public Builder issuer(Issued i) {
            issuer = i;
            return this;
        }

        public Builder validity(Instant from, Instant to) {
            notBefore = from;
            notAfter = to;
            return this;
        }

        public Builder dns(String... dnsNames) {
            for (String n : dnsNames) {
                names.add(new GeneralName(GeneralName.dNSName, n));
            }
            return this;
        }

        public Builder ip(String... addresses) {
            for (String a : addresses) {
                names.add(new GeneralName(GeneralName.iPAddress, a));
            }
            return this;
        }

        public Builder ca() {
            ca = true;
            return this;
        }

        public Builder serverAuth() {
            return usages(KeyPurposeId.id_kp_serverAuth);
        }

        public Builder usages(KeyPurposeId... u) {
            usages = u;
            return this;
        }

        public Builder signature(String jcaAlgorithm) {
            signatureAlgorithm = jcaAlgorithm;
            return this;
        }

        /** Signs with this key instead of the issuer's: the issuer name stays, the signature will not verify. */
        public Builder signedWith(KeyPair wrong) {
            signingKeyOverride = wrong;
            return this;
        }

        public Issued build() {
            try {
                KeyPair own = keys != null ? keys : ec256();
                KeyPair signer = signingKeyOverride != null ? signingKeyOverride : issuer != null ? issuer.keys() : own;
                // RFC 2253 order (most specific first), as the JDK prints names; BC's own parser keeps DER order.
                X500Name subjectName = X500Name.getInstance(new X500Principal(subject).getEncoded());
                X500Name issuerName = issuer != null
                        ? X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded())
                        : subjectName;
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        subjectName, own.getPublic());
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(own.getPublic()));
                if (ca) {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                if (!names.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)));
                }
                if (usages != null) {
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usages));
                }
                String alg = signatureAlgorithm != null ? signatureAlgorithm : defaultAlgorithm(signer);
                X509Certificate cert = new JcaX509CertificateConverter()
                        .getCertificate(b.build(signerBuilder(alg).build(signer.getPrivate())));
                return new Issued(cert, own);
            } catch (Exception e) {
                throw new IllegalStateException("cannot make test certificate " + subject, e);
            }
        }

        private static JcaContentSignerBuilder signerBuilder(String alg) {
            // The JDK names RSASSA-PSS by parameters only; Bouncy Castle knows "SHA384withRSAandMGF1".
            return alg.contains("MGF1")
                    ? new JcaContentSignerBuilder(alg).setProvider(new BouncyCastleProvider())
                    : new JcaContentSignerBuilder(alg);
        }

        private static String defaultAlgorithm(KeyPair signer) {
            return switch (signer.getPublic().getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                case "EdDSA", "Ed25519" -> "Ed25519";
                default -> throw new IllegalArgumentException(signer.getPublic().getAlgorithm());
            };
        }
    }
}
