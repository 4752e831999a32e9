package io.mailtls.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

/** Many simultaneous STARTTLS sessions, and nothing left behind afterwards. */
class LabLoadTest {

    private static final int SESSIONS = 200;

    @Test
    void twoHundredConcurrentStarttlsSessionsCompleteAndLeaveNothingOpen() throws Exception {
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD))) {
            LabServer server = lab.server(Scenario.GOOD);
            SSLContext trusting = TestTls.trusting(lab.caFile());
            var allConnected = new CountDownLatch(SESSIONS);
            var failures = new ConcurrentLinkedQueue<String>();
            List<Future<?>> clients = new ArrayList<>();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < SESSIONS; i++) {
                    clients.add(executor.submit(() -> {
                        try (var client = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
                            expect(client.reply().code(), 220, "greeting");
                            expect(client.command("EHLO load.lab.test").code(), 250, "EHLO");
                            // Hold every session open until all are, so the lab really serves them at once.
                            allConnected.countDown();
                            if (!allConnected.await(60, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("not all sessions connected in time");
                            }
                            expect(client.command("STARTTLS").code(), 220, "STARTTLS");
                            client.startTls(trusting, "mx.lab.test",
                                    p -> p.setEndpointIdentificationAlgorithm("HTTPS"));
                            expect(client.command("EHLO load.lab.test").code(), 250, "EHLO after TLS");
                            expect(client.command("QUIT").code(), 221, "QUIT");
                        } catch (Exception e) {
                            allConnected.countDown();
                            failures.add(e.toString());
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> client : clients) {
                client.get(2, TimeUnit.MINUTES);
            }
            assertThat(failures).isEmpty();
            assertThat(server.awaitFinished(SESSIONS, Duration.ofSeconds(30))).isTrue();
            assertThat(server.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(server.peakSessions()).isEqualTo(SESSIONS);
            assertThat(server.connectionsAccepted()).isEqualTo(SESSIONS);
            assertThat(server.connectionsRefused()).isZero();
            assertThat(server.activeSessions()).isZero();
            assertThat(server.openSockets()).isZero();
            assertThat(server.sessions()).hasSize(SESSIONS).allSatisfy(record -> {
                assertThat(record.end()).isEqualTo("QUIT");
                assertThat(record.tls()).isTrue();
                assertThat(record.commands()).containsExactly("EHLO", "STARTTLS", "EHLO", "QUIT");
            });
        }
    }

    private static void expect(int code, int expected, String step) {
        if (code != expected) {
            throw new IllegalStateException(step + " answered " + code);
        }
    }
}
