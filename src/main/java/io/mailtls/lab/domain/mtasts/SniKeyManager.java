package io.mailtls.lab.domain.mtasts;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import io.mailtls.lab.pki.Credential;

/**
 * Presents the certificate of the host the client named in SNI (RFC 6066 §3), like a web server
 * with one virtual host per policy domain; a client that names no known host gets the fallback,
 * whose name matches nothing the lab serves.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

    private final Map<String, Credential> byHost;
    private final String fallback;

    /** {@code byHost} maps lower-case host names to credentials and must hold {@code fallback}. */
    SniKeyManager(Map<String, Credential> byHost, String fallback) {
        this.byHost = Map.copyOf(byHost);
        this.fallback = fallback;
        if (!this.byHost.containsKey(fallback)) {
            throw new IllegalArgumentException("no credential for the fallback host " + fallback);
        }
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        String alias = socket instanceof SSLSocket ssl ? requested(ssl.getHandshakeSession()) : fallback;
        return matches(alias, keyType) ? alias : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        String alias = requested(engine.getHandshakeSession());
        return matches(alias, keyType) ? alias : null;
    }

    private String requested(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    String ascii = host.getAsciiName().toLowerCase(Locale.ROOT);
                    if (byHost.containsKey(ascii)) {
                        return ascii;
                    }
                }
            }
        }
        return fallback;
    }

    private boolean matches(String alias, String keyType) {
        Credential credential = byHost.get(alias);
        return credential != null && credential.key().getAlgorithm().equals(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return byHost.keySet().stream().filter(alias -> matches(alias, keyType)).toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Credential credential = byHost.get(alias);
        return credential == null ? null : credential.chainArray();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Credential credential = byHost.get(alias);
        return credential == null ? null : credential.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return null;
    }
}
