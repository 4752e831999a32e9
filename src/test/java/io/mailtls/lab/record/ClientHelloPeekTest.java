package io.mailtls.lab.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailtls.tls.wire.ClientHelloParse;

/** Reading a ClientHello off a real loopback socket: whole, dripped, fragmented, hostile, cut short, silent. */
class ClientHelloPeekTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A real ClientHello from the JDK's client, as it crossed the wire (one record). */
    private static byte[] jdkHello;

    @BeforeAll
    static void captureARealHello() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread client = Thread.ofVirtual().start(() -> {
                try (var ssl = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                    var parameters = ssl.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName("mx.lab.test")));
                    ssl.setSSLParameters(parameters);
                    ssl.startHandshake();
                } catch (IOException | java.security.NoSuchAlgorithmException expected) {
                    // The server never answers; the client's handshake ends when the socket closes.
                }
            });
            try (Socket server = listener.accept()) {
                ClientHelloPeek.Result result = ClientHelloPeek.read(server, TIMEOUT);
                assertThat(result.parse()).isInstanceOf(ClientHelloParse.Parsed.class);
                jdkHello = result.bytes();
            }
            client.join(TIMEOUT);
        }
    }

    @Test
    void aWholeHelloIsParsedWithItsServerName() throws Exception {
        ClientHelloPeek.Result result = peek(out -> out.write(jdkHello));

        assertThat(result.failure()).isNull();
        var parsed = (ClientHelloParse.Parsed) result.parse();
        assertThat(parsed.hello().serverName()).contains("mx.lab.test");
        assertThat(parsed.hello().supportedVersions()).contains(0x0304);
        assertThat(result.bytes()).as("every byte read is kept for the handshake").isEqualTo(jdkHello);
    }

    @Test
    void aHelloDrippedOneByteAtATimeIsParsedOnceComplete() throws Exception {
        ClientHelloPeek.Result result = peek(out -> {
            for (byte b : jdkHello) {
                out.write(b);
                out.flush();
            }
        });

        assertThat(result.parse()).isInstanceOf(ClientHelloParse.Parsed.class);
        assertThat(result.bytes()).isEqualTo(jdkHello);
    }

    @Test
    void aHelloInTwoRecordsIsParsed() throws Exception {
        byte[] twoRecords = fragment(jdkHello, (jdkHello.length - 5) / 2 + 1);

        ClientHelloPeek.Result result = peek(out -> out.write(twoRecords));

        assertThat(result.parse()).isInstanceOf(ClientHelloParse.Parsed.class);
        assertThat(((ClientHelloParse.Parsed) result.parse()).hello().serverName()).contains("mx.lab.test");
    }

    @Test
    void aHelloInOneByteRecordsIsGivenUpAfterTheRecordLimit() throws Exception {
        byte[] tiny = fragment(jdkHello, 1);

        ClientHelloPeek.Result result = peek(out -> out.write(tiny));

        assertThat(result.parse()).isInstanceOfSatisfying(ClientHelloParse.Malformed.class,
                m -> assertThat(m.reason()).contains("more than " + ClientHelloPeek.MAX_RECORDS + " records"));
        assertThat(result.failure()).as("the JDK gets the bytes and decides").isNull();
    }

    @Test
    void plaintextIsNotAHello() throws Exception {
        ClientHelloPeek.Result result = peek(out -> out.write("EHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(result.parse()).isInstanceOfSatisfying(ClientHelloParse.Malformed.class,
                m -> assertThat(m.reason()).isEqualTo("not a TLS handshake record"));
        assertThat(result.failure()).isNull();
    }

    @Test
    void aClientThatClosesMidHelloIsRecordedAsClosing() throws Exception {
        ClientHelloPeek.Result result = peek(out -> out.write(Arrays.copyOf(jdkHello, 3)));

        assertThat(result.parse()).isInstanceOf(ClientHelloParse.Incomplete.class);
        assertThat(result.failure().kind()).isEqualTo(HandshakeFailure.Kind.CLIENT_CLOSED);
        assertThat(result.failure().detail()).contains("after 3 bytes");
        assertThat(result.bytes()).hasSize(3);
    }

    @Test
    void aSilentClientTimesOut() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket server = listener.accept()) {
            long start = System.nanoTime();
            ClientHelloPeek.Result result = ClientHelloPeek.read(server, Duration.ofMillis(300));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(result.failure().kind()).isEqualTo(HandshakeFailure.Kind.TIMEOUT);
            assertThat(tookMillis).isBetween(250L, 5_000L);
            assertThat(client.isClosed()).isFalse();
        }
    }

    /** A hello that declares 64 KiB and keeps sending: reading stops at the byte limit. */
    @Test
    void readingIsBoundedWhateverTheClientSends() throws Exception {
        ByteArrayOutputStream huge = new ByteArrayOutputStream();
        for (int record = 0; record < 6; record++) {
            huge.write(new byte[] {0x16, 0x03, 0x01, 0x40, 0x00});
            byte[] body = new byte[0x4000];
            if (record == 0) {
                System.arraycopy(new byte[] {0x01, 0x01, 0x00, 0x00}, 0, body, 0, 4); // ClientHello of 65536 bytes
            }
            huge.write(body);
        }

        ClientHelloPeek.Result result = peek(out -> out.write(huge.toByteArray()));

        assertThat(result.parse()).isInstanceOf(ClientHelloParse.Malformed.class);
        assertThat(result.bytes().length).isLessThanOrEqualTo(ClientHelloPeek.MAX_BYTES);
    }

    /** Splits a single-record hello into records of at most {@code size} body bytes. */
    private static byte[] fragment(byte[] oneRecord, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 5; offset < oneRecord.length; offset += size) {
            int n = Math.min(size, oneRecord.length - offset);
            out.write(new byte[] {0x16, oneRecord[1], oneRecord[2], (byte) (n >> 8), (byte) n}, 0, 5);
            out.write(oneRecord, offset, n);
        }
        return out.toByteArray();
    }

    private interface Sender {
        void send(OutputStream out) throws IOException;
    }

    /** The sender writes on a loopback connection, then closes its side; the peek reads the other end. */
    private static ClientHelloPeek.Result peek(Sender sender) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            client.setTcpNoDelay(true);
            Thread writer = Thread.ofVirtual().start(() -> {
                try (client) {
                    sender.send(client.getOutputStream());
                    client.shutdownOutput();
                    // Stay open until the reader is done, so a close is only seen where the test wants one.
                    client.getInputStream().read();
                } catch (IOException ignored) {
                    // The reader closed its end first.
                }
            });
            try (Socket server = listener.accept()) {
                return ClientHelloPeek.read(server, TIMEOUT);
            } finally {
                client.close();
                writer.join(TIMEOUT);
            }
        }
    }
}
