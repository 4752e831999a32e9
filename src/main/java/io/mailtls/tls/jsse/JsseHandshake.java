package io.mailtls.tls.jsse;

import io.mailtls.net.Failure;
import io.mailtls.net.Failure.Kind;
import io.mailtls.net.Failures;
import io.mailtls.net.Phase;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One full TLS handshake through the JDK over an already connected (and, for STARTTLS, already upgraded-to)
 * socket, accepting any certificate so the chain can be analysed separately, and offering every protocol and
 * suite the JDK has so that legacy servers are reached too.
 */
public final class JsseHandshake {
    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");
    private static final int FLIGHT_COPY_LIMIT = 256 * 1024;

    static {
        LegacyTls.enable();
    }

    private JsseHandshake() {
    }

    /**
     * Runs the handshake.
     *
     * @param plain        the TCP socket (after the STARTTLS 220, or fresh for implicit TLS)
     * @param alreadyRead  bytes the SMTP reader took past the 220 (they go to the TLS layer, as a server's would)
     * @param host         the peer's host name, for the JDK's session cache key
     * @param sni          server name to send, or null for none
     * @param timeoutMillis socket timeout for each read during the handshake
     */
    public static HandshakeResult run(Socket plain, byte[] alreadyRead, String host, String sni, int timeoutMillis) {
        long start = System.nanoTime();
        TeeSocket tee;
        SSLSocket ssl;
        CapturingTrustManager trust = new CapturingTrustManager();
        try {
            tee = new TeeSocket(plain, alreadyRead, FLIGHT_COPY_LIMIT);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
            ssl = (SSLSocket) ctx.getSocketFactory().createSocket(tee, host, plain.getPort(), true);
            ssl.setUseClientMode(true);
            ssl.setSSLParameters(parameters(ctx, ssl, sni));
            ssl.setSoTimeout(timeoutMillis);
        } catch (IOException | GeneralSecurityException e) {
            return new HandshakeResult.Failed(new Failure(Kind.TLS_OTHER, Phase.TLS_HANDSHAKE,
                    "could not set up the TLS client", String.valueOf(e.getMessage())));
        }
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            return new HandshakeResult.Failed(classify(e, tee.received()));
        }
        tee.stopCopying();
        var session = ssl.getSession();
        String cipher = CipherNames.iana(session.getCipherSuite());
        var flight = ServerFlightSniffer.sniff(tee.received());
        List<X509Certificate> chain = trust.chain() != null ? List.of(trust.chain()) : certificatesOf(session);
        long ms = (System.nanoTime() - start) / 1_000_000L;
        return new HandshakeResult.Established(ssl, new TlsSessionFacts(
                ProtocolNames.contract(session.getProtocol()), cipher, flight.group(), flight.dhBits(), chain, ms));
    }

    private static List<X509Certificate> certificatesOf(javax.net.ssl.SSLSession session) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return out;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return List.of(); // anonymous suite: no certificate at all
        }
    }

    private static SSLParameters parameters(SSLContext ctx, SSLSocket ssl, String sni) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        // Strong suites first (the JDK's default order), then everything else the JDK can still speak.
        Set<String> suites = new LinkedHashSet<>(Arrays.asList(ssl.getEnabledCipherSuites()));
        suites.addAll(Arrays.asList(ssl.getSupportedCipherSuites()));
        p.setCipherSuites(suites.toArray(String[]::new));
        List<String> protocols = new ArrayList<>();
        for (String proto : List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3")) {
            if (Arrays.asList(ssl.getSupportedProtocols()).contains(proto)) {
                protocols.add(proto);
            }
        }
        p.setProtocols(protocols.toArray(String[]::new));
        if (sni != null) {
            try {
                p.setServerNames(List.of(new SNIHostName(sni)));
            } catch (IllegalArgumentException e) {
                p.setServerNames(List.of()); // not a valid SNI host name: send none, as a sender would
            }
        } else {
            p.setServerNames(List.of());
        }
        p.setEndpointIdentificationAlgorithm(null); // names are checked by the cert package, with reasons
        return p;
    }

    /** Classifies a failed handshake by what the server actually sent, falling back on the JDK's words. */
    static Failure classify(IOException e, byte[] received) {
        var flight = ServerFlightSniffer.sniff(received);
        String msg = String.valueOf(e.getMessage());
        if (!flight.tls()) {
            return new Failure(Kind.NOT_TLS, Phase.TLS_HANDSHAKE,
                    "the server answered our TLS ClientHello with bytes that are not TLS", flight.firstBytes());
        }
        String alert = flight.alert();
        if (alert == null) {
            Matcher m = ALERT.matcher(msg);
            if (m.find()) {
                alert = m.group(1);
            }
        }
        if (alert != null) {
            return new Failure(Kind.TLS_ALERT, Phase.TLS_HANDSHAKE,
                    "the server ended the handshake with the alert " + alert, alert);
        }
        if (e instanceof SocketTimeoutException) {
            return new Failure(Kind.TIMEOUT, Phase.TLS_HANDSHAKE, "the server stopped answering during the TLS handshake",
                    received.length + " bytes received");
        }
        if (received.length == 0 && (e instanceof java.io.EOFException || msg.contains("terminated the handshake")
                || msg.contains("Connection reset") || msg.contains("closed"))) {
            return new Failure(Kind.TLS_DROPPED, Phase.TLS_HANDSHAKE,
                    "the server closed the connection instead of answering our ClientHello", msg);
        }
        if (e instanceof SSLException) {
            return new Failure(Kind.TLS_OTHER, Phase.TLS_HANDSHAKE, "the TLS handshake failed: " + msg,
                    received.length + " bytes received from the server");
        }
        Failure f = Failures.classify(e, Phase.TLS_HANDSHAKE);
        return f.kind() == Kind.CLOSED || f.kind() == Kind.RESET
                ? new Failure(Kind.TLS_DROPPED, Phase.TLS_HANDSHAKE, f.detail(), f.evidence()) : f;
    }
}
