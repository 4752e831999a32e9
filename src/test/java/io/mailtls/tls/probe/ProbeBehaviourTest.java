package io.mailtls.tls.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.tls.wire.ClientHelloInfo;
import io.mailtls.tls.wire.ClientHelloParse;
import io.mailtls.tls.wire.ClientHelloParser;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Scanner behaviour against loopback servers with scripted answers. */
class ProbeBehaviourTest {
    private static final ProbeOptions FAST = ProbeOptions.DEFAULT.withRetries(1, Duration.ofMillis(5))
            .withProbeTimeout(Duration.ofSeconds(3));

    static TlsProfile probe(int port, Preamble preamble, ProbeOptions options) {
        var target = new ProbeTarget("127.0.0.1", InetAddress.getLoopbackAddress(), port, Optional.empty(), preamble);
        return TlsProber.probe(target, options);
    }

    static byte[] alert(int description) {
        return new byte[] {21, 3, 3, 0, 2, 2, (byte) description};
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    static ClientHelloInfo parse(byte[] hello) {
        return ((ClientHelloParse.Parsed) ClientHelloParser.parseRecords(hello)).hello();
    }

    /** A ServerHello record with the given fields and raw extensions block contents. */
    static byte[] serverHello(int version, int suite, int compression, String extensionsHex) throws IOException {
        byte[] ext = hex(extensionsHex);
        var body = new ByteArrayOutputStream();
        var d = new DataOutputStream(body);
        d.writeShort(version);
        d.write(new byte[32]);
        d.writeByte(0);
        d.writeShort(suite);
        d.writeByte(compression);
        d.writeShort(ext.length);
        d.write(ext);
        byte[] b = body.toByteArray();
        var record = new ByteArrayOutputStream();
        var r = new DataOutputStream(record);
        r.writeByte(22);
        r.writeShort(0x0303);
        r.writeShort(b.length + 4 + 4);
        r.writeByte(2);
        r.writeByte(0);
        r.writeShort(b.length);
        r.write(b);
        r.write(new byte[] {14, 0, 0, 0}); // ServerHelloDone
        return record.toByteArray();
    }

    @Test
    void neverMoreConnectionsAtOnceThanTheLimit() throws Exception {
        Object monitor = new Object();
        int[] waiting = {0};
        try (var server = new CannedServer(hello -> {
            // Hold each connection until three are open (or briefly), then refuse: overlap is forced.
            synchronized (monitor) {
                waiting[0]++;
                monitor.notifyAll();
                long end = System.nanoTime() + 300_000_000L;
                while (waiting[0] < 3 && System.nanoTime() < end) {
                    monitor.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                }
                waiting[0]--;
            }
            return alert(40);
        })) {
            TlsProfile p = probe(server.port(), Preamble.NONE, FAST);
            assertThat(server.maxActive()).isEqualTo(3);
            assertThat(p.protocols().values()).containsOnly(false);
            assertThat(p.connections()).isEqualTo(server.accepted());
        }
        try (var server = new CannedServer(hello -> alert(40))) {
            TlsProfile p = probe(server.port(), Preamble.NONE, FAST.withMaxConnections(1));
            assertThat(server.maxActive()).isEqualTo(1);
            assertThat(p.protocols().values()).containsOnly(false);
        }
    }

    @Test
    void aRefusingServerIsInconclusiveNeverUnsupported() throws Exception {
        int port;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TlsProfile p = probe(port, Preamble.NONE, FAST);
        assertThat(p.protocols()).hasSize(6);
        assertThat(p.protocols().values()).containsOnlyNulls();
        assertThat(p.inconclusive()).anyMatch(n -> n.contains("CONNECT_REFUSED"));
        assertThat(p.serverOrder()).isNull();
        // Retries are bounded: at most two tries for each of the six first-round probes.
        assertThat(p.connections()).isBetween(2, 12);
    }

    @Test
    void aThrottlingPreambleIsInconclusive() throws Exception {
        try (var server = new CannedServer(hello -> alert(40))) {
            Preamble throttled = (socket, deadline) -> new PreambleResult.Failed(FailureKind.THROTTLED,
                    "421 4.7.0 Try again later");
            TlsProfile p = probe(server.port(), throttled, FAST);
            assertThat(p.protocols().values()).containsOnlyNulls();
            assertThat(p.inconclusive()).anyMatch(n -> n.contains("THROTTLED") && n.contains("421 4.7.0"));
            assertThat(p.connections()).isLessThanOrEqualTo(12);
        }
    }

    @Test
    void anSslv2ServerIsFoundWithItsCipherSpecsInOneConnection() throws Exception {
        try (var server = new CannedServer(hello -> {
            if ((hello[0] & 0x80) != 0) {
                return hex("8015 04 00 01 0002 0004 0006 0000 30820102 0700c0 020080");
            }
            return new byte[0]; // TLS hellos: close without a word

        })) {
            TlsProfile p = probe(server.port(), Preamble.NONE, FAST);
            assertThat(p.protocols()).containsEntry("SSLv2", true).containsEntry("TLSv1.2", false);
            assertThat(p.ciphers().get("SSLv2"))
                    .containsExactly("SSL_CK_DES_192_EDE3_CBC_WITH_MD5", "SSL_CK_RC4_128_EXPORT40_WITH_MD5");
        }
    }

    @Test
    void compressionHeartbeatAndASuiteNeverOfferedAreReported() throws Exception {
        try (var server = new CannedServer(hello -> {
            ClientHelloInfo info = parse(hello);
            if (info.legacyVersion() != 0x0303 || !info.supportedVersions().isEmpty()) {
                return alert(70);
            }
            // 3DES with DEFLATE, heartbeat offered, and no renegotiation_info; then a suite never offered.
            return info.cipherSuites().contains(0x000A)
                    ? serverHello(0x0303, 0x000A, 1, "000f 0001 01")
                    : serverHello(0x0303, 0x1301, 0, "");
        })) {
            TlsProfile p = probe(server.port(), Preamble.NONE, FAST);
            assertThat(p.protocols()).containsEntry("TLSv1.2", true).containsEntry("TLSv1.3", false)
                    .containsEntry("TLSv1.0", false);
            assertThat(p.ciphers().get("TLSv1.2")).containsExactly("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
            assertThat(p.compression()).isTrue();
            assertThat(p.heartbeat()).isTrue();
            assertThat(p.secureRenegotiation()).isFalse();
            assertThat(p.anomalies()).contains("chose TLS_AES_128_GCM_SHA256 in TLSv1.2, which was not offered");
        }
    }

    @Test
    void aSilentServerTimesOutAsInconclusive() throws Exception {
        try (var server = new CannedServer(hello -> null)) {
            TlsProfile p = probe(server.port(), Preamble.NONE, FAST.withProbeTimeout(Duration.ofMillis(300)));
            assertThat(p.protocols().values()).containsOnlyNulls();
            assertThat(p.inconclusive()).anyMatch(n -> n.contains("timed out"));
        }
    }

    @Test
    void everyHelloFollowsThePreambleOnItsOwnConnection() throws Exception {
        var preludes = new java.util.concurrent.atomic.AtomicInteger();
        CannedServer.Prelude greeting = socket -> {
            socket.getOutputStream().write("220 ready\r\n".getBytes());
            byte[] line = new byte[10];
            new java.io.DataInputStream(socket.getInputStream()).readFully(line);
            if (!new String(line).equals("STARTTLS\r\n")) {
                throw new IOException("expected STARTTLS");
            }
            socket.getOutputStream().write("220 go ahead\r\n".getBytes());
            preludes.incrementAndGet();
        };
        Preamble starttls = (socket, deadline) -> {
            try {
                socket.setSoTimeout(Math.max(1, deadline.remainingMillis()));
                var in = socket.getInputStream();
                byte[] greetingLine = new byte[11];
                new java.io.DataInputStream(in).readFully(greetingLine);
                socket.getOutputStream().write("STARTTLS\r\n".getBytes());
                byte[] reply = new byte[14];
                new java.io.DataInputStream(in).readFully(reply);
                return new String(reply).startsWith("220 ") ? PreambleResult.ready()
                        : new PreambleResult.Failed(FailureKind.PREAMBLE, new String(reply));
            } catch (IOException e) {
                return new PreambleResult.Failed(FailureKind.CONNECTION_RESET, e.getMessage());
            }
        };
        try (var server = new CannedServer(greeting, hello -> alert(40))) {
            TlsProfile p = probe(server.port(), starttls, FAST);
            assertThat(p.protocols().values()).containsOnly(false);
            assertThat(preludes.get()).isEqualTo(p.connections()).isEqualTo(server.accepted());
        }
    }

    @Test
    void anExtensionIntolerantOldServerIsStillFound() throws Exception {
        try (var server = new CannedServer(hello -> {
            if ((hello[0] & 0x80) != 0) {
                return new byte[0];
            }
            ClientHelloInfo info = parse(hello);
            if (!info.extensionTypes().isEmpty() || info.legacyVersion() != 0x0301) {
                return new byte[0]; // hang up, as old stacks do on what they do not understand
            }
            return info.cipherSuites().contains(0x002F) ? serverHello(0x0301, 0x002F, 0, "ff01 0001 00") : alert(40);
        })) {
            TlsProfile p = probe(server.port(), Preamble.NONE, FAST);
            assertThat(p.protocols()).containsEntry("TLSv1.0", true).containsEntry("TLSv1.1", false)
                    .containsEntry("TLSv1.2", false).containsEntry("TLSv1.3", false);
            assertThat(p.ciphers().get("TLSv1.0")).containsExactly("TLS_RSA_WITH_AES_128_CBC_SHA");
            assertThat(p.anomalies()).contains("TLSv1.0 answers only hellos without extensions");
        }
    }

    @Test
    void aFailingPreambleStopsTheScanAfterOneTry() throws Exception {
        try (var server = new CannedServer(hello -> alert(40))) {
            Preamble refused = (socket, deadline) -> new PreambleResult.Failed(FailureKind.PREAMBLE,
                    "454 4.7.0 TLS not available");
            TlsProfile p = probe(server.port(), refused, FAST.withMaxConnections(1));
            assertThat(p.protocols().values()).containsOnlyNulls();
            assertThat(p.connections()).isEqualTo(1);
            assertThat(p.inconclusive()).anyMatch(n -> n.contains("454 4.7.0"));
        }
    }
}
