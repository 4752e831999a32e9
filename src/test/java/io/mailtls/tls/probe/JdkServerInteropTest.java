package io.mailtls.tls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The deep probe against the JDK's own TLS server, configured with known suites, order and groups. */
class JdkServerInteropTest {

    static SSLContext serverContext() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=mx.lab.test");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        char[] password = "changeit".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", pair.getPrivate(), password, new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void findsTheJdkServersSuitesOrderAndGroups() throws Exception {
        var server = (SSLServerSocket) serverContext().getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (server) {
            SSLParameters params = server.getSSLParameters();
            params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            params.setCipherSuites(new String[] {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"});
            params.setUseCipherSuitesOrder(true);
            // The JDK's server takes the client's first supported group, whatever its own list's order.
            params.setNamedGroups(new String[] {"ffdhe2048", "x25519", "secp256r1"});
            server.setSSLParameters(params);
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        var socket = (SSLSocket) server.accept();
                        Thread.ofVirtual().start(() -> {
                            try (socket) {
                                socket.setSoTimeout(5000);
                                socket.startHandshake();
                            } catch (IOException e) {
                                // Every probe ends the handshake early: expected.
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            var target = new ProbeTarget("127.0.0.1", InetAddress.getLoopbackAddress(), server.getLocalPort(),
                    Optional.of("mx.lab.test"), Preamble.NONE);
            TlsProfile p = TlsProber.probe(target, ProbeOptions.DEFAULT);

            assertThat(p.protocols()).containsEntry("SSLv2", false).containsEntry("SSLv3", false)
                    .containsEntry("TLSv1.0", false).containsEntry("TLSv1.1", false)
                    .containsEntry("TLSv1.2", true).containsEntry("TLSv1.3", true);
            assertThat(p.ciphers().get("TLSv1.3")).containsExactly("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256");
            assertThat(p.ciphers().get("TLSv1.2")).containsExactly("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
            assertThat(p.serverOrder()).isTrue();
            assertThat(p.groups()).as("in our offer order").containsExactly("secp256r1", "x25519", "ffdhe2048");
            assertThat(p.dhBits()).isGreaterThanOrEqualTo(2048);
            assertThat(p.secureRenegotiation()).isTrue();
            assertThat(p.inconclusive()).isEmpty();
            assertThat(p.anomalies()).isEmpty();
        }
    }
}
