package io.mailtls.testsupport;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code openssl s_client -starttls smtp} as an independent reference client: what a real OpenSSL sees
 * when it talks to a server, to check servers and, later, to cross-check mailtls's own findings.
 */
public final class OpenSslClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern NEGOTIATED = Pattern.compile("^New, ((?:TLSv|SSLv)[0-9.]+), Cipher is (\\S+)$",
            Pattern.MULTILINE);
    private static final Pattern VERIFY = Pattern.compile("^\\s*Verify return code: (\\d+) \\(([^)]*)\\)",
            Pattern.MULTILINE);

    private OpenSslClient() {
    }

    /**
     * What one s_client run saw.
     *
     * @param completed    whether the TLS handshake finished
     * @param protocol     e.g. {@code TLSv1.3}; empty when it did not finish
     * @param cipher       OpenSSL's name of the negotiated suite; empty when it did not finish
     * @param verifyCode   X.509 verification result (0 = ok, 10 = expired, 18 = self-signed, 62 = host mismatch)
     * @param verifyText   OpenSSL's words for verifyCode
     * @param servedChain  the certificates the server sent, leaf first
     * @param run          the raw run, for failure messages
     */
    public record Handshake(boolean completed, String protocol, String cipher, OptionalInt verifyCode,
                            String verifyText, List<X509Certificate> servedChain, ExternalCommand.Result run) {
        public Handshake {
            servedChain = List.copyOf(servedChain);
        }

        public X509Certificate leaf() {
            if (servedChain.isEmpty()) {
                throw new IllegalStateException("no certificate was served:\n" + run.describe());
            }
            return servedChain.getFirst();
        }
    }

    /**
     * Connects to address, does SMTP STARTTLS (EHLO mailtls.test) and a handshake with SNI {@code sni}, then
     * closes. Extra arguments go to s_client, e.g. {@code -tls1_2}, {@code -CAfile F}, {@code -verify_hostname H},
     * {@code -cipher L}.
     */
    public static Handshake starttls(InetSocketAddress address, String sni, String... extra) {
        var command = new ArrayList<>(List.of(Programs.require("openssl").toString(), "s_client",
                "-starttls", "smtp", "-name", "mailtls.test",
                "-connect", address.getAddress().getHostAddress() + ":" + address.getPort(),
                "-servername", sni, "-showcerts"));
        command.addAll(List.of(extra));
        ExternalCommand.Result run = ExternalCommand.run(TIMEOUT, null, command);
        return parse(run);
    }

    static Handshake parse(ExternalCommand.Result run) {
        String out = run.output();
        Matcher n = NEGOTIATED.matcher(out);
        boolean completed = run.succeeded() && n.find();
        Matcher v = VERIFY.matcher(out);
        OptionalInt code = OptionalInt.empty();
        String text = "";
        if (v.find()) {
            code = OptionalInt.of(Integer.parseInt(v.group(1)));
            text = v.group(2);
        }
        return new Handshake(completed, completed ? n.group(1) : "", completed ? n.group(2) : "", code, text,
                Pem.certificates(out), run);
    }
}
