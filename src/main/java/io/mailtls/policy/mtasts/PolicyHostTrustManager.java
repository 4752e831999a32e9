package io.mailtls.policy.mtasts;

import io.mailtls.policy.HostPatterns;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Checks a policy host's chain against the given trust, then its name, and says which check
 * failed: an untrusted chain, an expired certificate and a wrong name are different fixes.
 */
final class PolicyHostTrustManager extends X509ExtendedTrustManager {
    /** The chain was rejected by the trust anchors. */
    static final class Untrusted extends CertificateException {
        Untrusted(String message) {
            super(message);
        }
    }

    /** The leaf certificate is outside its validity period. */
    static final class Expired extends CertificateException {
        Expired(String message) {
            super(message);
        }
    }

    /** The leaf certificate does not name the policy host. */
    static final class NameMismatch extends CertificateException {
        NameMismatch(String message) {
            super(message);
        }
    }

    private final X509TrustManager trust;
    private final String host;

    PolicyHostTrustManager(X509TrustManager trust, String host) {
        this.trust = trust;
        this.host = host;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new Untrusted("the server sent no certificate");
        }
        X509Certificate leaf = chain[0];
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new Expired("certificate for " + leaf.getSubjectX500Principal().getName() + " is valid from "
                    + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant());
        }
        try {
            trust.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new Untrusted("chain for " + leaf.getSubjectX500Principal().getName() + " issued by "
                    + leaf.getIssuerX500Principal().getName() + " is not trusted: " + e.getMessage());
        }
        List<String> names = HostPatterns.certificateNames(leaf);
        if (HostPatterns.firstMatch(names, host) == null) {
            throw new NameMismatch("certificate names " + names + " do not include " + host);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("policy fetches never check client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trust.getAcceptedIssuers();
    }
}
