package io.mailtls.cert;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/** Whether one certificate's key signed another: the link test of chain building. */
final class Signatures {
    private Signatures() {}

    /** True when {@code issuer}'s name and key account for {@code cert}'s issuer field and signature. */
    static boolean issuedBy(X509Certificate cert, X509Certificate issuer) {
        return cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) && verifies(cert, issuer);
    }

    /** True when {@code cert}'s signature verifies with {@code issuer}'s public key. */
    static boolean verifies(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            // Wrong key, unsupported algorithm or malformed signature: all mean "not this issuer".
            return false;
        }
    }

    /** Self-issued and verifiable with its own key. */
    static boolean selfSigned(X509Certificate cert) {
        return issuedBy(cert, cert);
    }
}
