package io.mailtls.lab.record;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A minimal sending client for the recorder's tests, independent of mailtls's SMTP code: raw socket,
 * bounded reads, every reply's code returned, a JDK SSLSocket for STARTTLS.
 */
final class SmtpSender implements AutoCloseable {

    private static final int TIMEOUT_MS = 10_000;
    private static final int MAX_LINE = 4096;

    private final Socket plain;
    private Socket current;
    private InputStream in;
    private OutputStream out;

    private SmtpSender(Socket socket) throws IOException {
        plain = socket;
        use(socket);
    }

    static SmtpSender connect(InetSocketAddress address) throws IOException {
        var socket = new Socket();
        socket.connect(address, TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        return new SmtpSender(socket);
    }

    /** A client context whose only trust anchor is the PEM certificate in {@code caFile}. */
    static SSLContext trusting(Path caFile) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (var pem = Files.newInputStream(caFile)) {
            store.setCertificateEntry("lab", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** The code of one complete (possibly multi-line) reply. */
    int reply() throws IOException {
        while (true) {
            String line = line();
            if (line.length() < 3) {
                throw new IOException("not a reply line: " + line);
            }
            if (line.length() == 3 || line.charAt(3) != '-') {
                return Integer.parseInt(line.substring(0, 3));
            }
        }
    }

    /** Sends a line and returns its reply's code. */
    int command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** Sends a message after DATA's 354 and returns the final reply's code. */
    int message(String text) throws IOException {
        out.write((text + "\r\n.\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** Client TLS over the connection after a 220 to STARTTLS, with this SNI and these suites (JDK names). */
    SSLSocket startTls(SSLContext context, String sni, List<String> suites) throws IOException {
        var ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, sni, plain.getPort(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(sni)));
        parameters.setCipherSuites(suites.toArray(String[]::new));
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(TIMEOUT_MS);
        ssl.startHandshake();
        use(ssl);
        return ssl;
    }

    private void use(Socket socket) throws IOException {
        current = socket;
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    private String line() throws IOException {
        var line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed mid-line");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE);
            }
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
        plain.close();
    }
}
