package io.mailtls.lab.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import io.mailtls.lab.pki.Credential;

/**
 * A server key manager that always presents one credential, whatever its faults: the JDK's own
 * key managers prefer valid certificates, which would defeat the lab's purpose. The alias is
 * offered only for the key type the credential really has, so the JDK picks matching suites.
 */
final class FixedKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "lab";

    private final Credential credential;

    FixedKeyManager(Credential credential) {
        this.credential = credential;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return matches(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return matches(keyType) ? ALIAS : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return matches(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? credential.chainArray() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? credential.key() : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return null;
    }

    private boolean matches(String keyType) {
        return keyType != null && keyType.equals(credential.key().getAlgorithm());
    }
}
