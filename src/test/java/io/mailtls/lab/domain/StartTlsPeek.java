package io.mailtls.lab.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A test-only SMTP client that goes as far as the TLS handshake and returns the served chain, so
 * tests can compare what DNS says (TLSA, MTA-STS) with what the endpoint really presents. It
 * accepts any chain: judging the chain is the test's job, with the lab root.
 */
final class StartTlsPeek {

    private StartTlsPeek() {
    }

    static List<X509Certificate> chain(InetSocketAddress address, String sni) throws Exception {
        try (var socket = new Socket()) {
            socket.connect(address, 3_000);
            socket.setSoTimeout(5_000);
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            out.write("EHLO peek.invalid\r\n".getBytes(StandardCharsets.US_ASCII));
            expect(in, "250");
            out.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            expect(in, "220");
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAll()}, null);
            try (var tls = (SSLSocket) context.getSocketFactory().createSocket(socket, sni, address.getPort(), false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(sni)));
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return Arrays.stream(tls.getSession().getPeerCertificates()).map(X509Certificate.class::cast).toList();
            }
        }
    }

    /** Reads one reply, multi-line or not, and checks its code. */
    private static void expect(BufferedReader in, String code) throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("expected " + code + ", got " + line);
            }
            if (line.length() < 4 || line.charAt(3) == ' ') {
                return;
            }
        }
    }

    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
