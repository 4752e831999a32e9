package io.mailtls.tls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deep probe against Debian's own OpenSSL 3 server, compared with how that server was configured. */
@Tag("interop")
class OpensslInteropTest {
    @TempDir
    static Path dir;
    static Path[] rsa;

    @BeforeAll
    static void certificates() throws Exception {
        OpensslServer.requireOpenssl();
        rsa = OpensslServer.rsaCertificate(dir);
    }

    static TlsProfile probe(int port) throws Exception {
        var target = new ProbeTarget("127.0.0.1", InetAddress.getByName("127.0.0.1"), port,
                Optional.of("mx.lab.test"), Preamble.NONE);
        return TlsProber.probe(target, ProbeOptions.DEFAULT);
    }

    @Test
    void tls12OnlyWithServerOrder() throws Exception {
        try (var server = OpensslServer.start(rsa, "-tls1_2", "-serverpref", "-groups", "X25519:P-256",
                "-cipher", "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-SHA:AES128-SHA")) {
            TlsProfile p = probe(server.port());
            assertThat(p.protocols()).containsEntry("SSLv2", false).containsEntry("SSLv3", false)
                    .containsEntry("TLSv1.0", false).containsEntry("TLSv1.1", false)
                    .containsEntry("TLSv1.2", true).containsEntry("TLSv1.3", false);
            assertThat(p.ciphers().get("TLSv1.2")).containsExactly(
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA");
            assertThat(p.serverOrder()).isTrue();
            assertThat(p.groups()).containsExactlyInAnyOrder("x25519", "secp256r1");
            assertThat(p.dhBits()).isGreaterThanOrEqualTo(2048);
            assertThat(p.secureRenegotiation()).isTrue();
            assertThat(p.compression()).isFalse();
            assertThat(p.heartbeat()).isFalse();
            assertThat(p.inconclusive()).isEmpty();
            assertThat(p.anomalies()).isEmpty();
            // testssl.sh needs over a hundred connections for this; elimination needs a handful per suite.
            assertThat(p.connections()).isLessThanOrEqualTo(20);
        }
    }

    @Test
    void tls13WithClientOrder() throws Exception {
        try (var server = OpensslServer.start(rsa, "-groups", "X25519:P-384",
                "-ciphersuites", "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256",
                "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305")) {
            TlsProfile p = probe(server.port());
            assertThat(p.protocols()).containsEntry("TLSv1.3", true).containsEntry("TLSv1.2", true)
                    .containsEntry("TLSv1.1", false).containsEntry("TLSv1.0", false);
            assertThat(p.ciphers().get("TLSv1.3"))
                    .containsExactlyInAnyOrder("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
            assertThat(p.ciphers().get("TLSv1.2")).containsExactlyInAnyOrder(
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
            assertThat(p.serverOrder()).isFalse();
            assertThat(p.groups()).containsExactlyInAnyOrder("x25519", "secp384r1");
            assertThat(p.dhBits()).isNull();
            assertThat(p.inconclusive()).isEmpty();
            assertThat(p.connections()).isLessThan(30);
        }
    }

    @Test
    void groupsComeInTheServersOrderWhereItImposesOne() throws Exception {
        // Spread over the scanner's lanes on purpose, so its merge by elimination is what puts them in order.
        try (var server = OpensslServer.start(rsa, "-serverpref", "-groups", "P-521:X25519:ffdhe2048:P-256")) {
            TlsProfile p = probe(server.port());
            assertThat(p.groups()).containsExactly("secp521r1", "x25519", "ffdhe2048", "secp256r1");
            assertThat(p.inconclusive()).isEmpty();
        }
    }

    @Test
    void oldVersionsAndWeakDhAtSecurityLevelZero() throws Exception {
        Path dh = dir.resolve("dh1024.pem");
        OpensslServer.run(List.of("openssl", "dhparam", "-out", dh.toString(), "1024"));
        try (var server = OpensslServer.start(rsa, "-no_tls1_3", "-dhparam", dh.toString(),
                "-cipher", "DHE-RSA-AES256-SHA:AES128-SHA:@SECLEVEL=0")) {
            TlsProfile p = probe(server.port());
            assertThat(p.protocols()).containsEntry("SSLv3", false).containsEntry("TLSv1.0", true)
                    .containsEntry("TLSv1.1", true).containsEntry("TLSv1.2", true).containsEntry("TLSv1.3", false);
            for (String v : List.of("TLSv1.0", "TLSv1.1", "TLSv1.2")) {
                assertThat(p.ciphers().get(v)).as(v).containsExactlyInAnyOrder(
                        "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA");
            }
            assertThat(p.dhBits()).isEqualTo(1024);
            assertThat(p.groups()).isEmpty();
        }
    }

    @Test
    void ecdsaCertificateLimitsTheSuitesToEcdsa() throws Exception {
        Path[] ec = OpensslServer.ecCertificate(dir);
        try (var server = OpensslServer.start(ec, "-no_tls1_3", "-serverpref",
                "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-SHA")) {
            TlsProfile p = probe(server.port());
            assertThat(p.ciphers().get("TLSv1.2")).containsExactly(
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
            assertThat(p.serverOrder()).isTrue();
        }
    }
}
