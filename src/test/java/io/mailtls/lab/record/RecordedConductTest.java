package io.mailtls.lab.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import io.mailtls.lab.SessionRecord;
import io.mailtls.tls.wire.ClientHelloInfo;
import io.mailtls.tls.wire.ClientHelloParse;

/** What a real lab session records about a JDK client: its hello as offered, its TLS, its mail, its alert. */
class RecordedConductTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

    private static final AwaitedSessions SESSIONS = new AwaitedSessions(session -> { });
    private static Lab lab;
    private static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(LabConfig.of(Scenario.GOOD, Scenario.EXPIRED, Scenario.STARTTLS_REFUSED)
                .withSessionListener(SESSIONS));
        trusting = SmtpSender.trusting(lab.caFile());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void aTlsSessionRecordsTheHelloAsOfferedAndTheMailWithoutContent() throws Exception {
        try (var client = SmtpSender.connect(lab.address(Scenario.GOOD))) {
            assertThat(client.reply()).isEqualTo(220);
            assertThat(client.command("EHLO jdk.sender.test")).isEqualTo(250);
            assertThat(client.command("STARTTLS")).isEqualTo(220);
            client.startTls(trusting, "mx.lab.test", SUITES);
            assertThat(client.command("EHLO jdk.sender.test")).isEqualTo(250);
            assertThat(client.command("MAIL FROM:<alice@sender.test> SIZE=20")).isEqualTo(250);
            assertThat(client.command("RCPT TO:<bob@lab.test>")).isEqualTo(250);
            assertThat(client.command("RCPT TO:<carol@lab.test>")).isEqualTo(250);
            assertThat(client.command("DATA")).isEqualTo(354);
            assertThat(client.message("Subject: hi\r\n\r\nhello")).isEqualTo(250);
            assertThat(client.command("QUIT")).isEqualTo(221);
        }
        SessionRecord session = awaitSession(Scenario.GOOD, "jdk.sender.test");

        ClientConduct conduct = session.conduct();
        assertThat(conduct.startTls()).isTrue();
        assertThat(conduct.handshakeFailure()).isNull();
        ClientHelloInfo hello = ((ClientHelloParse.Parsed) conduct.clientHello()).hello();
        assertThat(hello.serverName()).contains("mx.lab.test");
        assertThat(hello.cipherSuites()).as("the client's suites, in its order")
                .startsWith(0x1301, 0x1302, 0xC02B);
        assertThat(hello.supportedVersions()).contains(0x0304, 0x0303);
        assertThat(conduct.clientHelloBytes()).isGreaterThan(100);
        assertThat(session.tlsProtocol()).isEqualTo("TLSv1.3");
        assertThat(conduct.mail()).containsExactly(new MailTransaction("alice@sender.test", 2,
                "Subject: hi\r\n\r\nhello\r\n".length(), true));
    }

    @Test
    void aVerifyingClientsAlertIsRecorded() throws Exception {
        try (var client = SmtpSender.connect(lab.address(Scenario.EXPIRED))) {
            client.reply();
            client.command("EHLO verifying.sender.test");
            assertThat(client.command("STARTTLS")).isEqualTo(220);
            assertThatThrownBy(() -> client.startTls(trusting, "mx.lab.test", SUITES))
                    .isInstanceOf(SSLHandshakeException.class);
        }
        SessionRecord session = awaitSession(Scenario.EXPIRED, "verifying.sender.test");

        HandshakeFailure failure = session.conduct().handshakeFailure();
        assertThat(failure.kind()).as(failure.detail()).isEqualTo(HandshakeFailure.Kind.CLIENT_ALERT);
        assertThat(failure.alert()).isEqualTo("certificate_expired");
        assertThat(session.conduct().clientHello()).isInstanceOf(ClientHelloParse.Parsed.class);
        assertThat(session.tls()).isFalse();
    }

    @Test
    void aRefusedStarttlsThenPlaintextMailIsRecordedAsPlaintext() throws Exception {
        try (var client = SmtpSender.connect(lab.address(Scenario.STARTTLS_REFUSED))) {
            client.reply();
            client.command("EHLO \u001b[31mfallback.sender.test");
            assertThat(client.command("STARTTLS")).isEqualTo(454);
            assertThat(client.command("MAIL FROM:<>")).isEqualTo(250);
            assertThat(client.command("QUIT")).isEqualTo(221);
        }
        SessionRecord session = awaitSession(Scenario.STARTTLS_REFUSED, "?[31mfallback.sender.test");

        ClientConduct conduct = session.conduct();
        assertThat(conduct.startTls()).isTrue();
        assertThat(conduct.clientHello()).as("no handshake was attempted").isNull();
        assertThat(conduct.mail()).containsExactly(new MailTransaction("", 0, -1, false));
        assertThat(conduct.plaintextMail()).isTrue();
    }

    private static SessionRecord awaitSession(Scenario scenario, String helo) throws InterruptedException {
        assertThat(SESSIONS.await(all -> all.stream().anyMatch(s -> matches(s, scenario, helo)), WAIT))
                .as("a session on %s from %s within %s; sessions: %s", scenario, helo, WAIT, SESSIONS.all()).isTrue();
        return SESSIONS.all().stream().filter(s -> matches(s, scenario, helo)).findFirst().orElseThrow();
    }

    private static boolean matches(SessionRecord s, Scenario scenario, String helo) {
        return s.scenario() == scenario && helo.equals(s.conduct().heloName());
    }
}
