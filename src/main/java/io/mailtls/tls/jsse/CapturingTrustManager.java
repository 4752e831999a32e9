package io.mailtls.tls.jsse;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server certificate and remembers the chain as sent. Kept local to one handshake, never installed
 * process-wide: the chain is judged afterwards, with reasons, by the cert package.
 */
final class CapturingTrustManager extends X509ExtendedTrustManager {
    private volatile X509Certificate[] chain;

    X509Certificate[] chain() {
        return chain;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType, Socket socket) {
        chain = c.clone();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType, SSLEngine engine) {
        chain = c.clone();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType) {
        chain = c.clone();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType, Socket socket) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
