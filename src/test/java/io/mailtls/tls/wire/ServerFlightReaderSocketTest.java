package io.mailtls.tls.wire;

import io.mailtls.net.Deadline;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reader against real loopback sockets: deadlines, stalls and resets. */
class ServerFlightReaderSocketTest {
    private ServerSocket server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        release.countDown();
        server.close();
    }

    /** Accepts one connection, writes {@code bytes}, then holds it open until the test ends. */
    private CompletableFuture<Void> serve(byte[] bytes, boolean reset) {
        return CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                OutputStream out = s.getOutputStream();
                out.write(bytes);
                out.flush();
                if (reset) {
                    // Wait for the client's hello byte, so the reset lands on an established connection.
                    s.getInputStream().read();
                    s.setSoLinger(true, 0);
                    return;
                }
                release.await(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
        return s;
    }

    @Test
    void aSilentServerTimesOutAtTheDeadline() throws Exception {
        serve(new byte[0], false);
        try (Socket s = connect()) {
            long start = System.nanoTime();
            ServerResponse r = ServerFlightReader.read(s, Deadline.in(Duration.ofMillis(300)), WireLimits.DEFAULT);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r).isEqualTo(new ServerResponse.TimedOut("no answer"));
            assertThat(millis).isBetween(250L, 3000L);
        }
    }

    @Test
    void aStalledRecordTimesOutAsIncomplete() throws Exception {
        serve(Rfc8448.hex("16 03 03 00 5a 02 00"), false);
        try (Socket s = connect()) {
            ServerResponse r = ServerFlightReader.read(s, Deadline.in(Duration.ofMillis(300)), WireLimits.DEFAULT);
            assertThat(r).isInstanceOfSatisfying(ServerResponse.TimedOut.class,
                    t -> assertThat(t.detail()).contains("incomplete answer after 7 bytes"));
        }
    }

    @Test
    void aTls12FlightArrivesWholeOverTheSocket() throws Exception {
        serve(ServerFlightReaderTest.tls12Flight(), false);
        try (Socket s = connect()) {
            ServerResponse r = ServerFlightReader.read(s, Deadline.in(Duration.ofSeconds(5)), WireLimits.DEFAULT);
            assertThat(r).isInstanceOfSatisfying(ServerResponse.Hello.class, h -> assertThat(h.complete()).isTrue());
        }
    }

    @Test
    void aResetIsClosedWithResetFlag() throws Exception {
        var served = serve(new byte[0], true);
        try (Socket s = connect()) {
            s.getOutputStream().write(0x16);
            served.get(5, TimeUnit.SECONDS);
            ServerResponse r = ServerFlightReader.read(s, Deadline.in(Duration.ofSeconds(5)), WireLimits.DEFAULT);
            assertThat(r).isInstanceOfSatisfying(ServerResponse.Closed.class, c -> assertThat(c.reset()).isTrue());
        }
    }
}
