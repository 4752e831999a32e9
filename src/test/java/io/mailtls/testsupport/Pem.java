package io.mailtls.testsupport;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM encoding of keys and certificates, and decoding of certificates from tool output. */
public final class Pem {
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----\\s*([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");
    /** Far above any real chain; tool output beyond this is not worth parsing. */
    private static final int MAX_CERTIFICATES = 32;

    private Pem() {
    }

    /** The key as a PKCS#8 {@code PRIVATE KEY} block, which OpenSSL and so Postfix read for RSA and EC alike. */
    public static String privateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** The certificate as a {@code CERTIFICATE} block. */
    public static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Every {@code CERTIFICATE} block found in text (such as {@code openssl s_client -showcerts} output), in order. */
    public static List<X509Certificate> certificates(String text) {
        List<X509Certificate> result = new ArrayList<>();
        Matcher m = CERTIFICATE.matcher(text);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (m.find() && result.size() < MAX_CERTIFICATES) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                result.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("malformed certificate block: " + e.getMessage(), e);
        }
        return List.copyOf(result);
    }

    private static String block(String label, byte[] der) {
        // 64-column lines, as RFC 7468 asks and as older OpenSSL readers insist on.
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
