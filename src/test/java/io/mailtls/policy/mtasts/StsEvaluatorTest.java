package io.mailtls.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 8461 §4: MX matching and what an enforcing sender demands of each MX. */
class StsEvaluatorTest {
    static final StsPolicy POLICY = new StsPolicy("STSv1", StsMode.ENFORCE, 604800L,
            List.of("mx1.example.org", "*.mail.example.org"), Map.of());

    static MxTlsObservation good(String host) {
        return new MxTlsObservation(host, true, true, "TLSv1.3", true, false, true, "");
    }

    @Test
    void coverageNamesTheMatchingPattern() {
        List<StsMxCoverage> coverage = StsEvaluator.coverage(POLICY,
                List.of("mx1.example.org", "a.mail.example.org", "a.b.mail.example.org", "mx2.example.org"));

        assertThat(coverage).containsExactly(
                new StsMxCoverage("mx1.example.org", "mx1.example.org"),
                new StsMxCoverage("a.mail.example.org", "*.mail.example.org"),
                new StsMxCoverage("a.b.mail.example.org", null),
                new StsMxCoverage("mx2.example.org", null));
    }

    @Test
    void coveredHostWithGoodTlsPasses() {
        StsMxResult r = StsEvaluator.check(POLICY, good("mx1.example.org"));

        assertThat(r.verdict()).isEqualTo(StsMxResult.Verdict.PASS);
        assertThat(r.failures()).isEmpty();
        assertThat(r.tlsRptResultType()).isNull();
    }

    @Test
    void uncoveredHostFailsWhateverItsTls() {
        StsMxResult r = StsEvaluator.check(POLICY, good("mx9.example.org"));

        assertThat(r.verdict()).isEqualTo(StsMxResult.Verdict.NOT_COVERED);
        assertThat(r.failures()).singleElement().asString().contains("mx9.example.org");
    }

    @Test
    void missingStarttlsIsStarttlsNotSupported() {
        var seen = new MxTlsObservation("mx1.example.org", true, false, null, false, false, false,
                "EHLO reply has no STARTTLS");

        StsMxResult r = StsEvaluator.check(POLICY, seen);

        assertThat(r.verdict()).isEqualTo(StsMxResult.Verdict.FAIL);
        assertThat(r.tlsRptResultType()).isEqualTo("starttls-not-supported");
        assertThat(r.failures()).singleElement().asString().contains("EHLO reply has no STARTTLS");
    }

    @Test
    void everyCertificateFailureIsListed() {
        var seen = new MxTlsObservation("mx1.example.org", true, true, "TLSv1.2", false, true, false, "");

        StsMxResult r = StsEvaluator.check(POLICY, seen);

        assertThat(r.verdict()).isEqualTo(StsMxResult.Verdict.FAIL);
        assertThat(r.failures()).hasSize(3);
        assertThat(r.tlsRptResultType()).isEqualTo("certificate-host-mismatch");
    }

    @Test
    void oldProtocolFails() {
        var seen = new MxTlsObservation("mx1.example.org", true, true, "TLSv1.0", true, false, true, "");

        StsMxResult r = StsEvaluator.check(POLICY, seen);

        assertThat(r.verdict()).isEqualTo(StsMxResult.Verdict.FAIL);
        assertThat(r.failures()).singleElement().asString().contains("TLS 1.2");
    }

    @Test
    void unreachableHostIsNotTestedRatherThanFailed() {
        var seen = new MxTlsObservation("mx1.example.org", false, false, null, false, false, false, "421 try later");

        StsMxResult r = StsEvaluator.check(POLICY, seen);

        assertThat(r.verdict()).isEqualTo(StsMxResult.Verdict.NOT_TESTED);
        assertThat(r.failures()).singleElement().asString().contains("421 try later");
    }
}
