package io.mailtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.CheckReport;
import io.mailtls.audit.TargetAudit;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.check.Finding;
import io.mailtls.check.Severity;
import io.mailtls.facts.Outcome;
import io.mailtls.net.TargetParser;
import io.mailtls.testsupport.PostfixServer;
import io.mailtls.testsupport.StandardListeners;
import io.mailtls.testsupport.TestPki;
import io.mailtls.testsupport.WithPostfix;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The check engine against Debian's real Postfix: each listener is diagnosed exactly, with no wrong findings. */
@WithPostfix
class CheckAgainstPostfixTest {
    private final PostfixServer postfix;

    CheckAgainstPostfixTest(PostfixServer postfix) {
        this.postfix = postfix;
    }

    private CheckReport check(String listener) {
        InetSocketAddress a = postfix.listener(listener);
        var options = new CheckOptions("client.mailtls.test", TestPki.DEFAULT_HOST, null,
                TrustAnchors.load(postfix.caFile()), Duration.ofSeconds(10), Duration.ofSeconds(60), true, true);
        return new TargetAudit(options, TargetAudit.Progress.NONE)
                .check(TargetParser.parse("127.0.0.1:" + a.getPort()));
    }

    /** Ids of the findings worse than OK/INFO: the ones that say something is wrong. */
    private static Set<String> problems(CheckReport r) {
        return r.findings().stream().filter(f -> f.severity().worseThan(Severity.INFO)).map(Finding::id)
                .collect(Collectors.toSet());
    }

    @Test
    void goodListenerIsTlsOkWithAVerifiedChain() {
        CheckReport r = check(StandardListeners.GOOD);
        assertThat(problems(r)).isEmpty();
        assertThat(r.outcome()).isEqualTo(Outcome.TLS_OK);
        assertThat(r.exitCode()).isZero();
        var ep = r.endpoints().getFirst().facts();
        assertThat(ep.tls().protocol()).isEqualTo("TLSv1.3");
        assertThat(ep.tls().group()).isNotNull();
        assertThat(ep.certificate().trusted()).isTrue();
        assertThat(ep.certificate().nameMatches()).isTrue();
        assertThat(ep.smtp().starttlsOffered()).isTrue();
        assertThat(ep.smtp().capabilitiesAfterTls().has("STARTTLS")).isFalse();
        assertThat(r.delivery()).anySatisfy(d -> {
            assertThat(d.sender()).isEqualTo("verify");
            assertThat(d.outcome()).isEqualTo("encrypted-authenticated");
        });
    }

    @Test
    void noStarttlsIsCritical() {
        CheckReport r = check(StandardListeners.NO_STARTTLS);
        assertThat(problems(r)).containsExactly("STARTTLS_NOT_OFFERED");
        assertThat(r.outcome()).isEqualTo(Outcome.NO_TLS);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.delivery()).anySatisfy(d -> {
            assertThat(d.sender()).isEqualTo("opportunistic");
            assertThat(d.outcome()).isEqualTo("plaintext");
        });
    }

    @Test
    void expiredCertificateIsFoundWithItsDate() {
        CheckReport r = check(StandardListeners.EXPIRED);
        assertThat(problems(r)).containsExactly("CERT_EXPIRED");
        assertThat(r.outcome()).isEqualTo(Outcome.TLS_WEAK);
        assertThat(r.findings()).filteredOn(f -> f.id().equals("CERT_EXPIRED")).first()
                .satisfies(f -> assertThat(f.detail()).containsPattern("\\d{4}-\\d\\d-\\d\\dT"));
    }

    @Test
    void wrongNameIsAMismatchNamingBothNames() {
        CheckReport r = check(StandardListeners.WRONG_NAME);
        assertThat(problems(r)).containsExactly("CERT_NAME_MISMATCH");
        assertThat(r.findings()).filteredOn(f -> f.id().equals("CERT_NAME_MISMATCH")).first()
                .satisfies(f -> assertThat(f.detail()).contains(TestPki.DEFAULT_HOST).contains(TestPki.WRONG_HOST));
    }

    @Test
    void selfSignedAndMissingIntermediateAreTold() {
        assertThat(problems(check(StandardListeners.SELF_SIGNED))).containsExactly("CERT_SELF_SIGNED");
        assertThat(problems(check(StandardListeners.MISSING_INTERMEDIATE))).containsExactly("CERT_CHAIN_INCOMPLETE");
    }

    @Test
    void tls12OnlyLacksTls13AndTls10OnlyIsReachedAndFlagged() {
        assertThat(problems(check(StandardListeners.TLS12_ONLY))).containsExactly("PROTOCOL_NO_TLS13");
        CheckReport old = check(StandardListeners.TLS10_ONLY);
        assertThat(old.endpoints().getFirst().facts().tls().protocol()).isEqualTo("TLSv1.0");
        assertThat(problems(old)).contains("PROTOCOL_TLS10", "PROTOCOL_NO_TLS12", "PROTOCOL_NO_TLS13");
    }

    @Test
    void authBeforeTlsIsFlagged() {
        assertThat(problems(check(StandardListeners.AUTH_BEFORE_TLS))).containsExactly("AUTH_BEFORE_TLS");
    }

    @Test
    void slowGreetingIsWaitedForAndNoted() {
        CheckReport r = check(StandardListeners.SLOW_GREETING);
        assertThat(problems(r)).containsExactly("GREETING_SLOW");
        assertThat(r.outcome()).isEqualTo(Outcome.TLS_OK);
        assertThat(r.endpoints().getFirst().facts().smtp().greetingMs())
                .isGreaterThanOrEqualTo(StandardListeners.SLOW_GREETING_DELAY.toMillis() - 100);
    }

    @Test
    void restrictedCiphersNegotiateTheServersFirstChoiceOverTls12() {
        var ep = check(StandardListeners.TLS12_ONLY).endpoints().getFirst().facts();
        assertThat(ep.tls().protocol()).isEqualTo("TLSv1.2");
        assertThat(ep.tls().cipher()).startsWith("TLS_ECDHE_");
        List<String> transcript = ep.transcript().stream().map(l -> l.text()).toList();
        assertThat(transcript).anyMatch(t -> t.startsWith("TLS handshake: TLSv1.2, TLS_ECDHE_"));
    }
}
