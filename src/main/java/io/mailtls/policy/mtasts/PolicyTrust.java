package io.mailtls.policy.mtasts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Trust for policy hosts: the JDK's CAs, optionally plus extra CAs (from {@code --ca-file}). */
public final class PolicyTrust {
    private PolicyTrust() {
    }

    /** The JDK's default trust store. */
    public static X509TrustManager jdkDefaults() {
        return fromKeyStore(null);
    }

    /** Only {@code anchors}. */
    public static X509TrustManager only(List<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            return fromKeyStore(store);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store in memory", e);
        }
    }

    /** The JDK's CAs plus {@code extra}: a chain is trusted when either accepts it. */
    public static X509TrustManager jdkPlus(List<X509Certificate> extra) {
        if (extra.isEmpty()) {
            return jdkDefaults();
        }
        X509TrustManager jdk = jdkDefaults();
        X509TrustManager more = only(extra);
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("policy fetches never check client certificates");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    jdk.checkServerTrusted(chain, authType);
                } catch (CertificateException notJdk) {
                    more.checkServerTrusted(chain, authType);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                List<X509Certificate> all = new ArrayList<>(Arrays.asList(jdk.getAcceptedIssuers()));
                all.addAll(Arrays.asList(more.getAcceptedIssuers()));
                return all.toArray(X509Certificate[]::new);
            }
        };
    }

    /**
     * Reads the certificates of a PEM file.
     *
     * @throws IllegalArgumentException with one line when the file is unreadable or holds no certificate
     */
    public static List<X509Certificate> readPem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("CA file " + file + " holds no certificate");
            }
            return certs;
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("cannot read CA file " + file + ": " + e.getMessage());
        }
    }

    private static X509TrustManager fromKeyStore(KeyStore store) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise the JDK trust store", e);
        }
    }
}
