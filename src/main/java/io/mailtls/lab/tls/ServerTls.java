package io.mailtls.lab.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.mailtls.lab.pki.Credential;

/** The server side of one endpoint's TLS: its credential and profile, and the STARTTLS upgrade of a socket. */
public final class ServerTls {

    private final Credential credential;
    private final TlsProfile profile;
    private final SSLSocketFactory factory;
    private final String[] protocols;
    private final String[] cipherSuites;

    private ServerTls(Credential credential, TlsProfile profile, SSLSocketFactory factory,
                      String[] protocols, String[] cipherSuites) {
        this.credential = credential;
        this.profile = profile;
        this.factory = factory;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
    }

    /**
     * Builds the TLS context for one endpoint. Suites the running JDK does not support (legacy
     * ones when {@link LegacyTls} is not active) are left out; {@link #servable()} tells whether
     * any remain.
     */
    public static ServerTls create(Credential credential, TlsProfile profile) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new FixedKeyManager(credential)}, null, null);
            Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
            String[] suites = profile.cipherSuites().stream().filter(supported::contains).toArray(String[]::new);
            return new ServerTls(credential, profile, context.getSocketFactory(),
                    profile.protocols().toArray(String[]::new), suites);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context for the lab", e);
        }
    }

    /** The credential this endpoint presents. */
    public Credential credential() {
        return credential;
    }

    /** The profile this endpoint was asked to serve. */
    public TlsProfile profile() {
        return profile;
    }

    /** The cipher suites actually enabled (JDK names), in preference order. */
    public List<String> enabledCipherSuites() {
        return List.of(cipherSuites);
    }

    /** Whether this JDK can serve at least one of the profile's suites. */
    public boolean servable() {
        return cipherSuites.length > 0;
    }

    /**
     * Layers a server-mode TLS socket over {@code plain} and completes the handshake within
     * {@code timeout}. Bytes already read from {@code plain} are not replayed into TLS: after
     * STARTTLS they are plaintext the server must not treat as protected (RFC 3207).
     */
    public SSLSocket handshake(Socket plain, Duration timeout) throws IOException {
        return handshake(plain, new byte[0], timeout);
    }

    /**
     * As {@link #handshake(Socket, Duration)}, for a caller that has already read the start of the
     * client's handshake from {@code plain} (to see its ClientHello): those {@code consumed} bytes are
     * given to the JDK first, through the server-side layering API made for this.
     */
    public SSLSocket handshake(Socket plain, byte[] consumed, Duration timeout) throws IOException {
        var ssl = (SSLSocket) factory.createSocket(plain,
                consumed.length == 0 ? null : new ByteArrayInputStream(consumed), true);
        ssl.setUseClientMode(false);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setCipherSuites(cipherSuites);
        parameters.setUseCipherSuitesOrder(true);
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        ssl.startHandshake();
        return ssl;
    }

    @Override
    public String toString() {
        return "ServerTls[" + credential.kind() + ", " + profile + ", suites=" + Arrays.toString(cipherSuites) + "]";
    }
}
