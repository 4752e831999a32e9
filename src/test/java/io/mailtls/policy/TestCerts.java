package io.mailtls.policy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throwaway certificates made with Bouncy Castle for tests: CAs, intermediates and leaves. */
public final class TestCerts {
    private static final AtomicLong SERIAL = new AtomicLong(1000);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate and its key pair. */
    public record Issued(X509Certificate cert, KeyPair keys) {
    }

    private TestCerts() {
    }

    public static KeyPair ecKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, RANDOM);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA valid from yesterday for a year, with an EC P-256 key. */
    public static Issued ca(String cn) {
        return ca(cn, ecKeys());
    }

    /** A self-signed CA valid from yesterday for a year, with the given keys. */
    public static Issued ca(String cn, KeyPair keys) {
        return new Issued(build(cn, keys, cn, keys, true, List.of(), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365))), keys);
    }

    /** An intermediate CA signed by {@code issuer}. */
    public static Issued intermediate(Issued issuer, String cn) {
        KeyPair keys = ecKeys();
        return new Issued(build(cn, keys, subjectOf(issuer), issuer.keys(), true, List.of(),
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365))), keys);
    }

    /** A server certificate with {@code names} as SAN dNSNames, valid from yesterday for 90 days. */
    public static Issued leaf(Issued issuer, String cn, List<String> names) {
        return leaf(issuer, cn, names, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
    }

    public static Issued leaf(Issued issuer, String cn, List<String> names, Instant notBefore, Instant notAfter) {
        KeyPair keys = ecKeys();
        return new Issued(build(cn, keys, subjectOf(issuer), issuer.keys(), false, names, notBefore, notAfter), keys);
    }

    private static String subjectOf(Issued issued) {
        return issued.cert().getSubjectX500Principal().getName().replaceFirst("^CN=", "");
    }

    private static X509Certificate build(String cn, KeyPair subject, String issuerCn, KeyPair issuer, boolean ca,
                                         List<String> names, Instant notBefore, Instant notAfter) {
        try {
            var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerCn),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + cn), subject.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, ca
                    ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature));
            if (!names.isEmpty()) {
                GeneralName[] sans = names.stream().map(n -> new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            }
            String algorithm = issuer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            var signer = new JcaContentSignerBuilder(algorithm).build(issuer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server-side TLS context presenting {@code leaf} with {@code chain} (leaf first). */
    public static SSLContext serverContext(Issued leaf, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "test".toCharArray();
            store.setKeyEntry("server", leaf.keys().getPrivate(), password, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
