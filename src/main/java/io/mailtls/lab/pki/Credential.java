package io.mailtls.lab.pki;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key and the certificate chain a TLS server presents with it, leaf first.
 *
 * @param kind  which of the lab's credentials this is
 * @param key   the leaf's private key
 * @param chain the certificates as sent on the wire, leaf first (never empty)
 */
public record Credential(CredentialKind kind, PrivateKey key, List<X509Certificate> chain) {

    public Credential {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a credential needs at least its leaf certificate");
        }
    }

    /** The end-entity certificate, the first one sent. */
    public X509Certificate leaf() {
        return chain.getFirst();
    }

    /** The chain as an array, the form the JDK's key managers want. */
    public X509Certificate[] chainArray() {
        return chain.toArray(X509Certificate[]::new);
    }

    /** The total DER size of the chain: roughly the size of the TLS Certificate message. */
    public int encodedSize() {
        int total = 0;
        for (X509Certificate certificate : chain) {
            try {
                total += certificate.getEncoded().length;
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("a certificate the lab made cannot be encoded", e);
            }
        }
        return total;
    }
}
