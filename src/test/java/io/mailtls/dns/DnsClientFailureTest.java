package io.mailtls.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Lookups against hostile or absent servers on loopback end with a typed outcome, never a hang. */
class DnsClientFailureTest {
    private static final TrustAnchors ANCHORS = TrustAnchors.root();

    private static DnsClient clientFor(int port, Duration timeout) {
        return DnsClient.create(new DnsConfig(
                Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)), timeout, ANCHORS));
    }

    @Test
    void silentServerTimesOutWithinTheDeadline() throws Exception {
        try (var silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            var config = Duration.ofMillis(300);
            long start = System.nanoTime();
            DnsAnswer<MxRecord> mx = clientFor(silent.getLocalPort(), config).mx("example.org");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(mx.outcome()).isEqualTo(DnsOutcome.TIMEOUT);
            assertThat(mx.dnssec()).isEqualTo(DnssecStatus.INDETERMINATE);
            assertThat(mx.error()).isNotBlank();
            assertThat(took).isLessThan(config.multipliedBy(4).plusSeconds(2));
        }
    }

    @Test
    void closedPortIsANetworkErrorNotATimeout() throws Exception {
        int port;
        try (var s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DnsAnswer<TxtRecord> txt = clientFor(port, Duration.ofSeconds(2)).txt("example.org");

        // Linux answers a datagram to a closed loopback port with ICMP port unreachable at once.
        assertThat(txt.outcome()).isEqualTo(DnsOutcome.NETWORK_ERROR);
        assertThat(txt.error()).contains("PortUnreachable");
        assertThat(txt.records()).isEmpty();
        assertThat(txt.summary()).contains(txt.outcome().name());
    }

    @Test
    void unparsableResponseIsMalformedWithTheParserMessage() throws Exception {
        try (var server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> responder = CompletableFuture.runAsync(() -> answerWithShortTlsa(server));
            DnsAnswer<TlsaRdata> tlsa = clientFor(server.getLocalPort(), Duration.ofSeconds(2))
                    .tlsa("_25._tcp.mx.example.org");

            assertThat(tlsa.outcome()).isEqualTo(DnsOutcome.MALFORMED);
            assertThat(tlsa.error()).containsIgnoringCase("WireParseException");
            responder.join();
        }
    }

    /** Answers one query with a TLSA record whose RDATA is 2 bytes: shorter than its three fixed fields. */
    private static void answerWithShortTlsa(DatagramSocket server) {
        try {
            var packet = new DatagramPacket(new byte[1500], 1500);
            server.receive(packet);
            byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
            int questionEnd = 12;
            while (query[questionEnd] != 0) {
                questionEnd += (query[questionEnd] & 0xff) + 1;
            }
            questionEnd += 5; // root label, QTYPE, QCLASS
            ByteBuffer out = ByteBuffer.allocate(512);
            out.put(query, 0, 2).putShort((short) 0x8180).putShort((short) 1).putShort((short) 1)
                    .putShort((short) 0).putShort((short) 0);
            out.put(query, 12, questionEnd - 12);
            out.putShort((short) 0xc00c).putShort((short) 52).putShort((short) 1).putInt(300)
                    .putShort((short) 2).put((byte) 3).put((byte) 1);
            server.send(new DatagramPacket(out.array(), out.position(), packet.getSocketAddress()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
