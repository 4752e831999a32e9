package io.mailtls.lab.record.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.ReceivedMessage;
import io.mailtls.lab.Scenario;
import io.mailtls.lab.record.AwaitedSessions;
import io.mailtls.lab.record.sender.PostfixRelay.Transport;
import io.mailtls.lab.record.sender.SenderVerdict.CertificateChecks;
import io.mailtls.lab.record.sender.SenderVerdict.CertificateTest;
import io.mailtls.lab.record.sender.SenderVerdict.TlsUse;
import io.mailtls.testsupport.PostfixExtension;

/**
 * Debian's Postfix as the sending server under test: its SMTP client relays to the recording lab at
 * each smtp_tls_security_level, and the lab's verdicts must match what postconf(5) documents:
 * {@code may} encrypts when it can, checks nothing and falls back to plaintext (also retrying in
 * plaintext after a failed handshake); {@code encrypt} never sends in plaintext and checks nothing;
 * {@code secure} and {@code verify} abort on an expired or wrongly named certificate.
 */
@Tag("postfix")
class PostfixSenderTest {

    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private static final Transport MAY = new Transport("smtp_may", "may.sender.test",
            List.of("smtp_tls_security_level=may"));
    private static final Transport ENCRYPT = new Transport("smtp_encrypt", "encrypt.sender.test",
            List.of("smtp_tls_security_level=encrypt"));
    private static final Transport SECURE = new Transport("smtp_secure", "secure.sender.test",
            List.of("smtp_tls_security_level=secure", "smtp_tls_secure_cert_match=mx.lab.test"));
    private static final Transport VERIFY = new Transport("smtp_verify", "verify.sender.test",
            List.of("smtp_tls_security_level=verify", "smtp_tls_verify_cert_match=mx.lab.test"));

    private static SessionRecorder recorder;
    private static AwaitedSessions sessions;
    private static Lab lab;
    private static PostfixRelay relay;
    private static Path recordFile;

    @BeforeAll
    static void start() throws Exception {
        PostfixExtension.requireAvailable();
        Path base = PostfixRelay.newBase();
        recordFile = base.resolve("senders.jsonl");
        recorder = SessionRecorder.open(recordFile, SessionRecorder.Limits.DEFAULT, notice -> { });
        sessions = new AwaitedSessions(recorder);
        lab = Lab.start(LabConfig.of(Scenario.GOOD, Scenario.EXPIRED, Scenario.WRONG_NAME, Scenario.NO_STARTTLS,
                Scenario.STARTTLS_REFUSED, Scenario.DROP_AFTER_STARTTLS)
                .withCaFile(base.resolve("lab-ca.pem")).withSessionListener(sessions));
        List<Transport> transports = List.of(MAY, ENCRYPT, SECURE, VERIFY);
        relay = PostfixRelay.start(base, lab.address(Scenario.GOOD), transports,
                PostfixRelay.routes(transports, lab.endpoints()), lab.caFile());
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
        if (lab != null) {
            lab.close();
        }
        if (recorder != null) {
            recorder.close();
        }
    }

    @Test
    void mayEncryptsWhenItCanChecksNothingAndFallsBackToPlaintext() throws Exception {
        send(MAY, Scenario.GOOD, Scenario.EXPIRED, Scenario.NO_STARTTLS, Scenario.STARTTLS_REFUSED,
                Scenario.DROP_AFTER_STARTTLS);
        for (Scenario scenario : List.of(Scenario.GOOD, Scenario.EXPIRED, Scenario.NO_STARTTLS,
                Scenario.STARTTLS_REFUSED, Scenario.DROP_AFTER_STARTTLS)) {
            awaitStatus(MAY, scenario, "sent");
        }
        // Postfix's own account of the failed handshake it then retried without TLS.
        assertThat(relay.log()).contains("Cannot start TLS: handshake failure");

        SenderVerdict v = awaitVerdict(MAY, verdict -> verdict.fallbacks().size() == 3
                && verdict.certificates() != CertificateChecks.UNTESTED);
        assertThat(v.tls()).as(v.text()).isEqualTo(TlsUse.OPPORTUNISTIC);
        assertThat(v.fallbacks()).containsExactly("no-starttls", "starttls-refused", "drop-after-starttls");
        assertThat(v.certificates()).isEqualTo(CertificateChecks.NONE);
        assertThat(v.certificateTests()).singleElement().satisfies(t -> {
            assertThat(t.scenario()).isEqualTo("expired");
            assertThat(t.carriedOn()).isTrue();
        });
        // postconf(5), smtp_tls_mandatory_ciphers: anonymous suites are offered unless certificates are verified.
        assertThat(v.weakOffers()).contains("offers anonymous suites");
        assertThat(v.text()).startsWith("opportunistic TLS, no certificate checks (carried on after expired), "
                + "falls back to plaintext when STARTTLS fails (no-starttls, starttls-refused, drop-after-starttls)");
        assertThat(messagesFrom(MAY, Scenario.NO_STARTTLS)).isNotEmpty().noneMatch(ReceivedMessage::overTls);
        assertThat(messagesFrom(MAY, Scenario.DROP_AFTER_STARTTLS)).isNotEmpty().noneMatch(ReceivedMessage::overTls);
        assertThat(messagesFrom(MAY, Scenario.GOOD)).isNotEmpty().allMatch(ReceivedMessage::overTls);
    }

    @Test
    void encryptNeverSendsInPlaintextAndChecksNoCertificate() throws Exception {
        send(ENCRYPT, Scenario.GOOD, Scenario.EXPIRED, Scenario.NO_STARTTLS, Scenario.STARTTLS_REFUSED);
        awaitStatus(ENCRYPT, Scenario.GOOD, "sent");
        awaitStatus(ENCRYPT, Scenario.EXPIRED, "sent");
        assertThat(awaitStatus(ENCRYPT, Scenario.NO_STARTTLS, "deferred"))
                .contains("TLS is required, but was not offered");
        awaitStatus(ENCRYPT, Scenario.STARTTLS_REFUSED, "deferred");

        SenderVerdict v = awaitVerdict(ENCRYPT, verdict -> verdict.heldBack().size() == 2
                && verdict.certificates() != CertificateChecks.UNTESTED);
        assertThat(v.tls()).as(v.text()).isEqualTo(TlsUse.REQUIRED);
        assertThat(v.heldBack()).containsExactly("no-starttls", "starttls-refused");
        assertThat(v.fallbacks()).isEmpty();
        assertThat(v.certificates()).isEqualTo(CertificateChecks.NONE);
        assertThat(v.messagesInPlaintext()).isZero();
        assertThat(v.weakOffers()).contains("offers anonymous suites");
        assertThat(v.text()).startsWith("TLS required (no plaintext mail on no-starttls, starttls-refused), "
                + "no certificate checks (carried on after expired)");
        assertThat(messagesFrom(ENCRYPT, Scenario.NO_STARTTLS)).isEmpty();
        assertThat(messagesFrom(ENCRYPT, Scenario.EXPIRED)).singleElement().matches(ReceivedMessage::overTls);
    }

    @Test
    void secureAbortsOnExpiredAndWrongName() throws Exception {
        assertVerifyingLevel(SECURE);
    }

    @Test
    void verifyAbortsOnExpiredAndWrongName() throws Exception {
        assertVerifyingLevel(VERIFY);
    }

    /** The session lines in the record file carry Postfix's ClientHello as offered. */
    @Test
    void theRecordHoldsPostfixsClientHello() throws Exception {
        send(MAY, Scenario.GOOD);
        awaitVerdict(MAY, verdict -> verdict.messagesOverTls() >= 1);
        var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        var line = Files.readAllLines(recordFile).stream().map(mapper::readTree)
                .filter(n -> "may.sender.test".equals(n.path("ehlo").asString())
                        && "good".equals(n.path("scenario").asString()) && n.path("tls").isObject())
                .findFirst().orElseThrow();
        var hello = line.get("client_hello");
        assertThat(hello.get("versions").valueStream().map(n -> n.asString())).contains("TLSv1.3", "TLSv1.2");
        assertThat(hello.get("cipher_suites").valueStream().map(n -> n.asString()))
                .contains("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(hello.get("groups").size()).isPositive();
        assertThat(line.get("mail").get(0).get("from").asString()).isEqualTo("smtp-may@relay.postfix.test");
        assertThat(line.get("mail").get(0).get("size").asLong()).isPositive();
    }

    private void assertVerifyingLevel(Transport level) throws Exception {
        send(level, Scenario.GOOD, Scenario.EXPIRED, Scenario.WRONG_NAME);
        assertThat(awaitStatus(level, Scenario.GOOD, "sent")).contains("status=sent");
        assertThat(awaitStatus(level, Scenario.EXPIRED, "deferred")).contains("Server certificate not verified");
        assertThat(awaitStatus(level, Scenario.WRONG_NAME, "deferred")).contains("Server certificate not verified");

        SenderVerdict v = awaitVerdict(level, verdict -> verdict.certificateTests().size() == 2);
        assertThat(v.certificates()).as(v.text()).isEqualTo(CertificateChecks.VERIFIES);
        assertThat(v.certificateTests()).extracting(CertificateTest::scenario).containsExactly("expired", "wrong-name");
        assertThat(v.certificateTests()).noneMatch(CertificateTest::carriedOn);
        assertThat(v.rejectsGood()).isFalse();
        assertThat(v.messagesOverTls()).isEqualTo(1);
        assertThat(v.messagesInPlaintext()).isZero();
        assertThat(v.weakOffers()).doesNotContain("offers anonymous suites");
        assertThat(messagesFrom(level, Scenario.EXPIRED)).isEmpty();
        assertThat(messagesFrom(level, Scenario.WRONG_NAME)).isEmpty();
    }

    private static void send(Transport transport, Scenario... scenarios) {
        for (Scenario scenario : scenarios) {
            relay.submit(sender(transport), recipient(transport, scenario), transport.name() + " to " + scenario);
        }
    }

    private static String awaitStatus(Transport transport, Scenario scenario, String status)
            throws InterruptedException {
        Optional<String> line = relay.awaitStatus(recipient(transport, scenario), status, DELIVERY);
        assertThat(line).as("Postfix's status=%s for %s within %s; maillog:\n%s", status,
                recipient(transport, scenario), DELIVERY, relay.log()).isPresent();
        return line.orElseThrow();
    }

    /** The sender's verdict once {@code ready} holds for it (or the last one, for the assertions to explain). */
    private static SenderVerdict awaitVerdict(Transport transport, Predicate<SenderVerdict> ready)
            throws InterruptedException {
        sessions.await(all -> verdict(transport).filter(ready).isPresent(), DELIVERY);
        return verdict(transport).orElseThrow(() -> new AssertionError("no sessions from " + transport.helo()
                + "; sessions: " + sessions.all() + "\nmaillog:\n" + relay.log()));
    }

    private static Optional<SenderVerdict> verdict(Transport transport) {
        return recorder.verdicts().stream().filter(v -> transport.helo().equals(v.sender().heloName())).findFirst();
    }

    private static List<ReceivedMessage> messagesFrom(Transport transport, Scenario scenario) {
        return lab.server(scenario).messages().stream().filter(m -> m.mailFrom().equals(sender(transport))).toList();
    }

    private static String sender(Transport transport) {
        return transport.name().replace('_', '-') + "@relay.postfix.test";
    }

    private static String recipient(Transport transport, Scenario scenario) {
        return "postmaster@" + PostfixRelay.domain(transport, scenario.id());
    }
}
