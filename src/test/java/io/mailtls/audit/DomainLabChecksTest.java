package io.mailtls.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.cert.TrustAnchors;
import io.mailtls.check.Finding;
import io.mailtls.delivery.DeliveryVerdict;
import io.mailtls.lab.domain.DomainLab;
import io.mailtls.lab.domain.DomainScenario;
import io.mailtls.net.TargetParser;
import io.mailtls.report.JsonReport;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole domain checks against the lab's DNSSEC-signed DNS, MTA-STS policy host and MX endpoints: every domain
 * scenario produces the findings it exists for, and the delivery verdicts follow.
 */
class DomainLabChecksTest {
    private static DomainLab lab;
    private static CheckOptions options;

    @BeforeAll
    static void start() throws Exception {
        lab = DomainLab.start();
        options = new CheckOptions("tests.mailtls.invalid", null, null, TrustAnchors.load(lab.caFile()),
                Duration.ofSeconds(3), Duration.ofSeconds(20), true, false)
                .withDomain(new DomainOptions(lab.dnsAddress(), lab.trustAnchorFile(), lab.smtpPort(), lab.policyPort()));
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static Stream<DomainScenario> scenarios() {
        return lab == null ? Stream.empty() : lab.domains().stream();
    }

    static List<DomainScenario> all() throws Exception {
        try (DomainLab l = DomainLab.start()) {
            return l.domains();
        }
    }

    private static CheckReport check(String domain) {
        return new TargetAudit(options, TargetAudit.Progress.NONE).check(TargetParser.parse(domain));
    }

    private static List<String> ids(CheckReport r) {
        return r.findings().stream().map(Finding::id).toList();
    }

    private static DeliveryVerdict verdict(CheckReport r, String sender) {
        return r.delivery().stream().filter(d -> d.sender().equals(sender)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void eachDomainScenarioShowsItsFindings(DomainScenario s) {
        CheckReport r = check(s.domain());
        assertThat(ids(r)).as("%s: %s", s.id(), r.findings()).containsAll(s.expectedFindings());
        assertThat(r.domain()).isNotNull();
        assertThat(JsonReport.tree(r, false).get("domain")).isNotNull();
    }

    @Test
    void allGoodIsAuthenticatedForEverySender() {
        CheckReport r = check(lab.domain("all-good").domain());
        assertThat(r.endpoints()).hasSize(2);
        assertThat(r.endpoints()).allSatisfy(e -> assertThat(e.facts().endpoint().mxPreference()).isNotNull());
        assertThat(verdict(r, "mta-sts").outcome()).isEqualTo("encrypted-authenticated");
        assertThat(verdict(r, "dane").outcome()).isEqualTo("encrypted-authenticated");
        assertThat(verdict(r, "verify").outcome()).isEqualTo("encrypted-authenticated");
        assertThat(ids(r)).doesNotContain("MX_INCONSISTENT", "MTASTS_ENFORCE_FAILS", "DANE_MISMATCH");
    }

    @Test
    void expiredUnderEnforcedPolicyIsDeferredWithItsTlsRptResult() {
        CheckReport r = check(lab.domain("expired-enforce").domain());
        assertThat(verdict(r, "opportunistic").outcome()).isEqualTo("encrypted-unauthenticated");
        DeliveryVerdict sts = verdict(r, "mta-sts");
        assertThat(sts.outcome()).isEqualTo("deferred");
        assertThat(sts.tlsRpt()).isEqualTo("certificate-expired");
        assertThat(sts.explanation()).contains("Delivery to the following recipients has been delayed");
    }

    @Test
    void tlsaMismatchDefersDaneSendersAndBogusDefersThemToo() {
        assertThat(verdict(check(lab.domain("tlsa-mismatch").domain()), "dane").outcome()).isEqualTo("deferred");
        DeliveryVerdict bogus = verdict(check(lab.domain("bogus-dnssec").domain()), "dane");
        assertThat(bogus.outcome()).isEqualTo("deferred");
        assertThat(bogus.tlsRpt()).isEqualTo("dnssec-invalid");
    }

    @Test
    void nullMxBouncesAtOnce() {
        CheckReport r = check(lab.domain("null-mx").domain());
        assertThat(r.endpoints()).isEmpty();
        assertThat(r.delivery()).allSatisfy(d -> assertThat(d.outcome()).isEqualTo("bounced"));
    }
}
