package io.mailtls.lab.record.sender;

import static io.mailtls.lab.record.sender.Sessions.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.mailtls.lab.Scenario;
import io.mailtls.lab.SessionRecord;
import io.mailtls.lab.record.HandshakeFailure;
import io.mailtls.lab.record.sender.SenderVerdict.CertificateChecks;
import io.mailtls.lab.record.sender.SenderVerdict.CertificateTest;
import io.mailtls.lab.record.sender.SenderVerdict.TlsUse;

/** The verdict over one sender's sessions: one case per kind of sending server an admin may run. */
class SenderVerdictsTest {

    private static final HandshakeFailure CLOSED = new HandshakeFailure(HandshakeFailure.Kind.CLIENT_CLOSED, null,
            "Remote host terminated the handshake");

    /** What Postfix does at smtp_tls_security_level = may. */
    @Test
    void opportunisticSenderWithoutChecksThatFallsBack() {
        SenderVerdict v = SenderVerdicts.judge(List.of(
                on(Scenario.GOOD).tls().then("EHLO").mail().build(),
                on(Scenario.EXPIRED).tls().then("EHLO").mail().build(),
                on(Scenario.NO_STARTTLS).mail().build(),
                on(Scenario.STARTTLS_REFUSED).startTls().mail().build(),
                on(Scenario.DROP_AFTER_STARTTLS).startTls().build(),
                on(Scenario.DROP_AFTER_STARTTLS).mail().build()));

        assertThat(v.tls()).isEqualTo(TlsUse.OPPORTUNISTIC);
        assertThat(v.fallbacks()).containsExactly("no-starttls", "starttls-refused", "drop-after-starttls");
        assertThat(v.certificates()).isEqualTo(CertificateChecks.NONE);
        assertThat(v.certificateTests()).containsExactly(
                new CertificateTest("expired", true, "sent EHLO MAIL RCPT DATA QUIT"));
        assertThat(v.messagesOverTls()).isEqualTo(2);
        assertThat(v.messagesInPlaintext()).isEqualTo(3);
        assertThat(v.negotiated()).containsExactly("TLSv1.3 TLS_AES_256_GCM_SHA384");
        assertThat(v.text()).isEqualTo("opportunistic TLS, no certificate checks (carried on after expired), "
                + "falls back to plaintext when STARTTLS fails (no-starttls, starttls-refused, drop-after-starttls)");
    }

    /** What Postfix does at encrypt: never plaintext, certificates not checked. */
    @Test
    void requiredTlsWithoutChecks() {
        SenderVerdict v = SenderVerdicts.judge(List.of(
                on(Scenario.EXPIRED).tls().then("EHLO").mail().build(),
                on(Scenario.NO_STARTTLS).build(),
                on(Scenario.STARTTLS_REFUSED).startTls().build()));

        assertThat(v.tls()).isEqualTo(TlsUse.REQUIRED);
        assertThat(v.heldBack()).containsExactly("no-starttls", "starttls-refused");
        assertThat(v.fallbacks()).isEmpty();
        assertThat(v.messagesInPlaintext()).isZero();
        assertThat(v.text()).isEqualTo("TLS required (no plaintext mail on no-starttls, starttls-refused), "
                + "no certificate checks (carried on after expired)");
    }

    /** Postfix at secure quits inside TLS after the handshake; OpenSSL's s_client sends an alert. */
    @Test
    void verifyingSenderAbortsWithAnAlertOrRightAfterTheHandshake() {
        SenderVerdict v = SenderVerdicts.judge(List.of(
                on(Scenario.GOOD).tls().then("EHLO").mail().build(),
                on(Scenario.EXPIRED).alert("certificate_expired").build(),
                on(Scenario.WRONG_NAME).tls().build(),
                on(Scenario.SELF_SIGNED).failed(CLOSED).build()));

        assertThat(v.certificates()).isEqualTo(CertificateChecks.VERIFIES);
        assertThat(v.certificateTests()).containsExactly(
                new CertificateTest("expired", false, "with alert certificate_expired"),
                new CertificateTest("wrong-name", false, "after the handshake, before EHLO"),
                new CertificateTest("self-signed", false, "by closing the connection"));
        assertThat(v.rejectsGood()).isFalse();
        assertThat(v.tls()).isEqualTo(TlsUse.FALLBACK_UNTESTED);
        assertThat(v.text()).isEqualTo("uses STARTTLS (plaintext fallback not tested: point it at no-starttls or "
                + "starttls-refused), verifies certificates (aborted on expired with alert certificate_expired; "
                + "aborted on wrong-name after the handshake, before EHLO; aborted on self-signed by closing the "
                + "connection)");
    }

    @Test
    void partialChecksNameWhatWasAcceptedAndWhatWasNot() {
        SenderVerdict v = SenderVerdicts.judge(List.of(
                on(Scenario.SELF_SIGNED).alert("unknown_ca").build(),
                on(Scenario.WRONG_NAME).tls().then("EHLO").mail().build()));

        assertThat(v.certificates()).isEqualTo(CertificateChecks.PARTIAL);
        assertThat(v.text()).contains("partial certificate checks (aborted on self-signed with alert unknown_ca; "
                + "carried on after wrong-name)");
    }

    @Test
    void oneSessionThatCarriesOnOutweighsAnAbortOnTheSameFault() {
        SenderVerdict v = SenderVerdicts.judge(List.of(
                on(Scenario.EXPIRED).alert("certificate_expired").build(),
                on(Scenario.EXPIRED).tls().then("EHLO").build()));

        assertThat(v.certificateTests()).containsExactly(new CertificateTest("expired", true, "sent EHLO QUIT"));
    }

    @Test
    void aHandshakeThatFailedBeforeTheCertificateMatteredTestsNothing() {
        SenderVerdict v = SenderVerdicts.judge(List.of(on(Scenario.EXPIRED)
                .failed(new HandshakeFailure(HandshakeFailure.Kind.NEGOTIATION, null, "no cipher suites in common"))
                .build()));

        assertThat(v.certificates()).isEqualTo(CertificateChecks.UNTESTED);
        assertThat(v.text()).contains("certificate checks not tested");
    }

    @Test
    void refusingTheGoodCertificateToo_pointsAtTheTrustStore() {
        SenderVerdict v = SenderVerdicts.judge(List.of(
                on(Scenario.GOOD).alert("unknown_ca").build(),
                on(Scenario.EXPIRED).alert("unknown_ca").build()));

        assertThat(v.rejectsGood()).isTrue();
        assertThat(v.text()).contains("also refused the good certificate (does it trust the lab CA?)");
    }

    @Test
    void aDroppedHandshakeWithoutRetryIsNotYetProofOfRequiredTls() {
        List<SessionRecord> sessions = new ArrayList<>(List.of(on(Scenario.DROP_AFTER_STARTTLS).startTls().build()));
        SenderVerdict first = SenderVerdicts.judge(sessions);
        assertThat(first.tls()).isEqualTo(TlsUse.FALLBACK_UNTESTED);
        assertThat(first.text()).startsWith("uses STARTTLS (plaintext fallback not tested: point it at no-starttls or "
                + "starttls-refused; no plaintext retry yet after drop-after-starttls)");

        // A queue retries later: the verdict changes when the plaintext retry arrives.
        sessions.add(on(Scenario.DROP_AFTER_STARTTLS).mail().build());
        assertThat(SenderVerdicts.judge(sessions).tls()).isEqualTo(TlsUse.OPPORTUNISTIC);
    }

    @Test
    void plaintextBeforeTheFailedHandshakeIsNoRetry() {
        SenderVerdict v = SenderVerdicts.judge(List.of(
                on(Scenario.EXPIRED).mail().build(),
                on(Scenario.EXPIRED).alert("certificate_expired").build()));

        assertThat(v.fallbacks()).isEmpty();
        assertThat(v.skippedOffer()).containsExactly("expired");
        assertThat(v.tls()).as("plaintext although STARTTLS was offered, and STARTTLS used")
                .isEqualTo(TlsUse.OPPORTUNISTIC);
        assertThat(v.text()).contains("sometimes skips the offered STARTTLS (expired)")
                .doesNotContain("falls back");
    }

    @Test
    void aVerifyingSenderThatRetriesInPlaintextFallsBack() {
        SenderVerdict v = SenderVerdicts.judge(List.of(
                on(Scenario.EXPIRED).alert("certificate_expired").build(),
                on(Scenario.EXPIRED).mail().build()));

        assertThat(v.certificates()).isEqualTo(CertificateChecks.VERIFIES);
        assertThat(v.tls()).isEqualTo(TlsUse.OPPORTUNISTIC);
        assertThat(v.fallbacks()).containsExactly("expired");
    }

    @Test
    void aSenderThatIgnoresTheOfferSendsInPlaintext() {
        SenderVerdict v = SenderVerdicts.judge(List.of(on(Scenario.GOOD).mail().build()));

        assertThat(v.tls()).isEqualTo(TlsUse.NEVER);
        assertThat(v.text()).startsWith("no TLS: sends in plaintext although STARTTLS is offered (good)");
    }

    @Test
    void plaintextWithoutTryingTheOfferedStarttlsIsNoFallback() {
        SenderVerdict v = SenderVerdicts.judge(List.of(
                on(Scenario.STARTTLS_REFUSED).mail().build(),
                on(Scenario.NO_STARTTLS).mail().build()));

        assertThat(v.tls()).isEqualTo(TlsUse.NEVER);
        assertThat(v.skippedOffer()).containsExactly("starttls-refused");
        assertThat(v.fallbacks()).containsExactly("no-starttls");
    }

    @Test
    void sessionsWithoutMailOrStartTlsTellNothing() {
        SenderVerdict v = SenderVerdicts.judge(List.of(on(Scenario.GOOD).then("NOOP").build()));

        assertThat(v.tls()).isEqualTo(TlsUse.UNKNOWN);
        assertThat(v.certificates()).isEqualTo(CertificateChecks.UNTESTED);
    }

    @Test
    void theOrderOfTheInputDoesNotMatter() {
        List<SessionRecord> sessions = new ArrayList<>(List.of(
                on(Scenario.GOOD).tls().then("EHLO").mail().build(),
                on(Scenario.EXPIRED).alert("certificate_expired").build(),
                on(Scenario.EXPIRED).mail().build(),
                on(Scenario.DROP_AFTER_STARTTLS).startTls().build(),
                on(Scenario.DROP_AFTER_STARTTLS).mail().build()));
        SenderVerdict expected = SenderVerdicts.judge(sessions);
        Random random = new Random(7);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(sessions, random);
            assertThat(SenderVerdicts.judge(sessions)).isEqualTo(expected);
        }
        assertThat(expected.fallbacks()).as("scenario order").containsExactly("drop-after-starttls", "expired");
    }

    @Test
    void theSenderIsItsAddressAndEhloName() {
        SenderVerdict v = SenderVerdicts.judge(List.of(on(Scenario.GOOD).from("127.0.0.9").helo("a.test").build()));

        assertThat(v.sender()).isEqualTo(new SenderKey("127.0.0.9", "a.test"));
        assertThat(v.sender()).hasToString("127.0.0.9 (EHLO a.test)");
    }

    @Test
    void noSessionsIsAnError() {
        assertThatThrownBy(() -> SenderVerdicts.judge(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
