package io.mailtls.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mailtls.lab.RawSmtpClient.Reply;

/** The SMTP state rules, the bounds and the lifecycle of lab endpoints. */
class LabServerTest {

    @Test
    void commandsOutOfOrderGet503AndTheSessionGoesOn() throws Exception {
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD));
             var client = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
            client.reply();
            assertThat(client.command("MAIL FROM:<a@b.test>").code()).as("MAIL before EHLO").isEqualTo(503);
            assertThat(client.command("EHLO").code()).as("EHLO without a name").isEqualTo(501);
            assertThat(client.command("HELO client.lab.test").lines()).containsExactly("mx.lab.test");
            assertThat(client.command("RCPT TO:<x@lab.test>").code()).as("RCPT before MAIL").isEqualTo(503);
            assertThat(client.command("DATA").code()).as("DATA before MAIL").isEqualTo(503);
            assertThat(client.command("MAIL FROM:<a@b.test>").code()).isEqualTo(250);
            assertThat(client.command("MAIL FROM:<a@b.test>").code()).as("nested MAIL").isEqualTo(503);
            assertThat(client.command("DATA").code()).as("DATA before RCPT").isEqualTo(503);
            assertThat(client.command("RCPT TO:<>").code()).as("empty forward path").isEqualTo(501);
            assertThat(client.command("RCPT x@lab.test").code()).as("no TO:").isEqualTo(501);
            assertThat(client.command("RCPT TO:<x@lab.test>").code()).isEqualTo(250);
            assertThat(client.command("RSET").code()).isEqualTo(250);
            assertThat(client.command("RCPT TO:<x@lab.test>").code()).as("RSET ended the transaction").isEqualTo(503);
            assertThat(client.command("STARTTLS now").code()).as("STARTTLS takes no parameters").isEqualTo(501);
            assertThat(client.command("XYZZY").code()).isEqualTo(500);
            assertThat(client.command("").code()).isEqualTo(500);
            assertThat(client.command("NOOP").code()).isEqualTo(250);
            assertThat(client.command("VRFY postmaster").code()).isEqualTo(252);
            assertThat(client.command("QUIT").code()).isEqualTo(221);
            assertThat(client.readToEnd(100)).isEmpty();
        }
    }

    @Test
    void overlongCommandLineGets500AndTheNextLineIsServed() throws Exception {
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD));
             var client = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
            client.reply();
            String limit = "NOOP " + "x".repeat(SmtpSession.MAX_COMMAND_LINE - 7);
            assertThat(limit.length() + 2).isEqualTo(SmtpSession.MAX_COMMAND_LINE);
            assertThat(client.command(limit).code()).as("exactly 512 octets with CRLF").isEqualTo(250);
            Reply tooLong = client.command(limit + "x");
            assertThat(tooLong.code()).isEqualTo(500);
            assertThat(tooLong.last()).contains("line too long");
            assertThat(client.command("NOOP").code()).isEqualTo(250);
        }
    }

    @Test
    void sizeLimitIsAdvertisedAndEnforcedWith552() throws Exception {
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD).withMaxMessageBytes(1_000));
             var client = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
            client.reply();
            assertThat(client.command("EHLO client.lab.test").lines()).contains("SIZE 1000");
            assertThat(client.command("MAIL FROM:<a@b.test> SIZE=5000").code()).isEqualTo(552);
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<x@lab.test>");
            assertThat(client.command("DATA").code()).isEqualTo(354);
            for (int i = 0; i < 30; i++) {
                client.send("x".repeat(70));
            }
            Reply big = client.command(".");
            assertThat(big.code()).isEqualTo(552);
            client.command("MAIL FROM:<a@b.test>");
            client.command("RCPT TO:<x@lab.test>");
            client.command("DATA");
            assertThat(client.command("small\r\n.").code()).isEqualTo(250);
            assertThat(lab.server(Scenario.GOOD).messages()).singleElement()
                    .satisfies(message -> assertThat(message.text()).isEqualTo("small\r\n"));
        }
    }

    @Test
    void tooManyErrorsEndTheSessionWith421() throws Exception {
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD));
             var client = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
            client.reply();
            for (int i = 1; i < SmtpSession.MAX_ERRORS; i++) {
                assertThat(client.command("BOGUS").code()).isEqualTo(500);
            }
            assertThat(client.command("BOGUS").code()).isEqualTo(500);
            assertThat(client.reply().code()).isEqualTo(421);
            assertThat(client.readToEnd(100)).isEmpty();
        }
    }

    @Test
    void idleSessionGets421AndIsClosed() throws Exception {
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD).withIdleTimeout(Duration.ofMillis(200)));
             var client = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
            client.reply();
            Reply timeout = client.reply();
            assertThat(timeout.code()).isEqualTo(421);
            assertThat(timeout.last()).startsWith("4.4.2");
            assertThat(client.readToEnd(100)).isEmpty();
            assertThat(lab.server(Scenario.GOOD).awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(lab.server(Scenario.GOOD).sessions().getLast().end()).isEqualTo("idle timeout");
        }
    }

    @Test
    void sessionLifetimeEndsAWriterBlockedOnAClientThatDoesNotRead() throws Exception {
        try (Lab lab = Lab.start(LabConfig.of(Scenario.ENDLESS_LINE).withSessionLifetime(Duration.ofMillis(500)));
             var client = RawSmtpClient.connect(lab.address(Scenario.ENDLESS_LINE))) {
            LabServer server = lab.server(Scenario.ENDLESS_LINE);
            // The client reads nothing, so the lab's writes fill the socket buffers and block.
            assertThat(server.awaitFinished(1, Duration.ofSeconds(10))).isTrue();
            assertThat(server.sessions().getLast().end()).startsWith("endless line: stopped after");
            assertThat(client.readSome(16)).startsWith("220 ".getBytes());
        }
    }

    @Test
    void connectionsBeyondTheSessionLimitGet421() throws Exception {
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD).withMaxSessions(2))) {
            LabServer server = lab.server(Scenario.GOOD);
            List<RawSmtpClient> held = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    var client = RawSmtpClient.connect(lab.address(Scenario.GOOD));
                    held.add(client);
                    assertThat(client.reply().code()).isEqualTo(220);
                }
                try (var third = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
                    Reply busy = third.reply();
                    assertThat(busy.code()).isEqualTo(421);
                    assertThat(busy.last()).startsWith("4.7.0");
                    assertThat(third.readToEnd(100)).isEmpty();
                }
                assertThat(server.connectionsRefused()).isEqualTo(1);
                assertThat(server.activeSessions()).isEqualTo(2);
            } finally {
                for (RawSmtpClient client : held) {
                    client.close();
                }
            }
            assertThat(server.awaitIdle(Duration.ofSeconds(5))).isTrue();
            try (var again = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
                assertThat(again.reply().code()).as("capacity is back").isEqualTo(220);
            }
        }
    }

    @Test
    void closeEndsEverySessionAndListener() throws Exception {
        Lab lab = Lab.start(LabConfig.of(Scenario.GOOD, Scenario.SLOW_GREETING, Scenario.DRIP)
                .withGreetingDelay(Duration.ofMinutes(1)).withDripDelay(Duration.ofSeconds(1)));
        List<InetSocketAddress> addresses = List.copyOf(lab.endpoints().values());
        try (var good = RawSmtpClient.connect(lab.address(Scenario.GOOD));
             var slow = RawSmtpClient.connect(lab.address(Scenario.SLOW_GREETING));
             var drip = RawSmtpClient.connect(lab.address(Scenario.DRIP))) {
            good.reply();
            assertThat(drip.readSome(1)).hasSize(1);
            awaitActive(lab.server(Scenario.SLOW_GREETING));
            lab.close();
            assertThat(good.readToEnd(100)).isEmpty();
            assertThat(slow.readToEnd(100)).as("the sleeping greeting was cut short").isEmpty();
        }
        for (LabServer server : lab.servers()) {
            assertThat(server.activeSessions()).as(server + " sessions").isZero();
            assertThat(server.openSockets()).as(server + " sockets").isZero();
        }
        for (InetSocketAddress address : addresses) {
            assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                    .isInstanceOf(ConnectException.class);
        }
        assertThat(lab.caFile()).doesNotExist();
    }

    @Test
    void aTakenPortFailsTheStartAndLeavesNothingOpen() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int free = probe.getLocalPort();
            probe.close();
            LabConfig config = LabConfig.of().withPort(Scenario.GOOD, free)
                    .withPort(Scenario.NO_STARTTLS, taken.getLocalPort());
            assertThatThrownBy(() -> Lab.start(config))
                    .isInstanceOf(LabStartException.class)
                    .hasMessageContaining("no-starttls")
                    .hasMessageContaining(":" + taken.getLocalPort());
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), free).close())
                    .as("the endpoint started before the failure is closed again")
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void onlyLoopbackAddressesAreAccepted() throws Exception {
        InetAddress outside = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
        assertThatThrownBy(() -> LabConfig.of(Scenario.GOOD).withBindAddress(outside))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> LabConfig.of(Scenario.GOOD).withPort(Scenario.GOOD, 70_000))
                .isInstanceOf(IllegalArgumentException.class);
        InetAddress other = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD).withBindAddress(other));
             var client = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
            assertThat(lab.address(Scenario.GOOD).getAddress()).isEqualTo(other);
            assertThat(client.reply().code()).isEqualTo(220);
        }
    }

    @Test
    void caFileGoesWhereTheCallerSaysAndStays(@TempDir Path dir) throws Exception {
        Path caFile;
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD).withCaFile(dir))) {
            caFile = lab.caFile();
            assertThat(caFile).isEqualTo(dir.resolve(Lab.CA_FILE_NAME));
            assertThat(Files.readString(caFile)).isEqualTo(lab.pki().rootPem());
        }
        assertThat(caFile).exists();
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD).withCaFile(dir.resolve("x/ca.pem")))) {
            assertThat(lab.caFile()).isEqualTo(dir.resolve("x/ca.pem")).exists();
        }
    }

    @Test
    void sessionRecordsNameTheCommandsTlsAndEnding() throws Exception {
        List<SessionRecord> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD).withSessionListener(heard::add))) {
            try (var client = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
                client.reply();
                client.command("EHLO client.lab.test");
                client.command("STARTTLS");
                client.startTls(TestTls.trusting(lab.caFile()), "mx.lab.test", p -> { });
                client.command("EHLO client.lab.test");
                client.command("QUIT");
            }
            assertThat(lab.server(Scenario.GOOD).awaitFinished(1, Duration.ofSeconds(5))).isTrue();
            SessionRecord record = lab.server(Scenario.GOOD).sessions().getLast();
            assertThat(heard).containsExactly(record);
            assertThat(record.commands()).containsExactly("EHLO", "STARTTLS", "EHLO", "QUIT");
            assertThat(record.tlsProtocol()).isEqualTo("TLSv1.3");
            assertThat(record.tlsCipher()).startsWith("TLS_");
            assertThat(record.end()).isEqualTo("QUIT");
            assertThat(record.logLine()).startsWith("good #1 127.0.0.1:").contains("tls=TLSv1.3/").contains("end=QUIT");
        }
    }

    private static void awaitActive(LabServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.activeSessions() == 0) {
            assertThat(System.nanoTime()).as("a session started on " + server).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
