package io.mailtls.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.dns.Addresses;
import io.mailtls.dns.DnsAnswer;
import io.mailtls.dns.DnsOutcome;
import io.mailtls.dns.DnssecStatus;
import io.mailtls.dns.MxFacts;
import io.mailtls.dns.MxHost;
import io.mailtls.dns.MxKind;
import io.mailtls.dns.MxRecord;
import io.mailtls.dns.TlsaRdata;
import io.mailtls.dns.TxtRecord;
import io.mailtls.policy.TestCerts;
import io.mailtls.policy.dane.DaneFacts;
import io.mailtls.policy.dane.DaneMatcher;
import io.mailtls.policy.dane.DaneResult;
import io.mailtls.policy.dane.DaneStatus;
import io.mailtls.policy.dane.TlsaParser;
import io.mailtls.policy.dane.TlsaRecord;
import io.mailtls.policy.mtasts.FetchStatus;
import io.mailtls.policy.mtasts.MxTlsObservation;
import io.mailtls.policy.mtasts.PolicyFetch;
import io.mailtls.policy.mtasts.StsEvaluator;
import io.mailtls.policy.mtasts.StsFacts;
import io.mailtls.policy.mtasts.StsPolicyParser;
import io.mailtls.policy.mtasts.StsPolicyResult;
import io.mailtls.policy.mtasts.StsRecordParser;
import io.mailtls.policy.mtasts.StsRecordResult;
import io.mailtls.policy.tlsrpt.TlsRptFacts;
import io.mailtls.policy.tlsrpt.TlsRptParser;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainChecksTest {
    static final String D = "example.org";

    static <T> DnsAnswer<T> answer(String name, String type, DnsOutcome outcome, DnssecStatus status, List<T> records) {
        return new DnsAnswer<>(name, type, outcome, outcome.conclusive() ? (outcome == DnsOutcome.NXDOMAIN
                ? "NXDOMAIN" : "NOERROR") : "SERVFAIL", status, status == DnssecStatus.BOGUS ? "sig expired" : null,
                records, List.of(), false, null);
    }

    static Addresses addresses(String host, List<String> ips, List<String> aliases, DnsOutcome whenEmpty) {
        List<InetAddress> list = ips.stream().map(DomainChecksTest::ip).toList();
        DnsOutcome outcome = list.isEmpty() ? whenEmpty : DnsOutcome.ANSWER;
        var a = new DnsAnswer<>(host, "A", outcome, "NOERROR", DnssecStatus.SECURE, null, list, aliases, false, null);
        var aaaa = new DnsAnswer<InetAddress>(host, "AAAA", list.isEmpty() ? whenEmpty : DnsOutcome.NODATA, "NOERROR",
                DnssecStatus.SECURE, null, List.of(), aliases, false, null);
        return new Addresses(host, a, aaaa);
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static MxFacts listed(DnssecStatus status, boolean nullMixed, MxHost... hosts) {
        List<MxRecord> records = java.util.Arrays.stream(hosts).map(h -> new MxRecord(h.preference(), h.host())).toList();
        return new MxFacts(D, MxKind.LISTED, answer(D, "MX", DnsOutcome.ANSWER, status, records), List.of(hosts), null,
                nullMixed, false);
    }

    static MxHost host(int pref, String name) {
        return new MxHost(pref, name, false, addresses(name, List.of("192.0.2.1"), List.of(), DnsOutcome.NODATA));
    }

    static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }

    static Finding only(List<Finding> findings, String id) {
        return findings.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() ->
                new AssertionError(id + " not in " + ids(findings)));
    }

    // ---- MX ----

    @Test
    void goodMxSetIsOk() {
        List<Finding> f = DomainChecks.mx(listed(DnssecStatus.SECURE, false, host(10, "mx1.example.org")));

        assertThat(ids(f)).containsExactly("MX_OK");
        assertThat(f.getFirst().severity()).isEqualTo(Severity.OK);
        assertThat(f.getFirst().detail()).contains("10 mx1.example.org").contains("SECURE");
    }

    @Test
    void noMailServerIsCriticalWithBothFixes() {
        var facts = new MxFacts(D, MxKind.NONE, answer(D, "MX", DnsOutcome.NXDOMAIN, DnssecStatus.INSECURE, List.of()),
                List.of(), null, false, false);

        Finding f = only(DomainChecks.mx(facts), "MX_NONE");

        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.detail()).contains("NXDOMAIN");
        assertThat(f.fix()).contains("example.org. IN MX 0 .").contains("IN MX 10");
    }

    @Test
    void nullMxImplicitMxAndFailedLookupAreDistinct() {
        var nullMx = new MxFacts(D, MxKind.NULL_MX, answer(D, "MX", DnsOutcome.ANSWER, DnssecStatus.SECURE,
                List.of(new MxRecord(0, "."))), List.of(), null, false, false);
        Addresses own = addresses(D, List.of("192.0.2.7"), List.of(), DnsOutcome.NODATA);
        var implicit = new MxFacts(D, MxKind.IMPLICIT, answer(D, "MX", DnsOutcome.NODATA, DnssecStatus.SECURE,
                List.of()), List.of(new MxHost(0, D, false, own)), own, false, false);
        var failed = new MxFacts(D, MxKind.LOOKUP_FAILED, DnsAnswer.failed(D, "MX", DnsOutcome.SERVFAIL,
                "server answered SERVFAIL"), List.of(), null, false, false);

        assertThat(only(DomainChecks.mx(nullMx), "MX_NULL").severity()).isEqualTo(Severity.INFO);
        assertThat(only(DomainChecks.mx(implicit), "MX_IMPLICIT").fix()).contains("example.org. IN MX 10 example.org.");
        assertThat(only(DomainChecks.mx(failed), "MX_LOOKUP_FAILED").detail()).contains("SERVFAIL");
        assertThat(ids(DomainChecks.mx(failed))).doesNotContain("MX_NONE");
    }

    @Test
    void badTargetsAreFlaggedPerHost() {
        var literal = new MxHost(10, "192.0.2.1", true, addresses("192.0.2.1", List.of(), List.of(), DnsOutcome.NXDOMAIN));
        var alias = new MxHost(20, "mail.example.org",
                false, addresses("mail.example.org", List.of("192.0.2.2"), List.of("real.example.net"), DnsOutcome.NODATA));
        var gone = new MxHost(30, "gone.example.org", false,
                addresses("gone.example.org", List.of(), List.of(), DnsOutcome.NXDOMAIN));
        var timedOut = new MxHost(40, "slow.example.org", false, new Addresses("slow.example.org",
                DnsAnswer.failed("slow.example.org", "A", DnsOutcome.TIMEOUT, "no answer"),
                DnsAnswer.failed("slow.example.org", "AAAA", DnsOutcome.TIMEOUT, "no answer")));

        List<Finding> f = DomainChecks.mx(listed(DnssecStatus.BOGUS, true, literal, alias, gone, timedOut));

        assertThat(ids(f)).containsExactlyInAnyOrder("MX_DNSSEC_BOGUS", "MX_NULL_MIXED", "MX_TARGET_IP_LITERAL",
                "MX_TARGET_CNAME", "MX_TARGET_NO_ADDRESS", "MX_TARGET_LOOKUP_FAILED");
        assertThat(only(f, "MX_TARGET_IP_LITERAL").endpoint()).isEqualTo("192.0.2.1:25");
        assertThat(only(f, "MX_TARGET_CNAME").fix()).contains("real.example.net");
        assertThat(only(f, "MX_TARGET_NO_ADDRESS").severity()).isEqualTo(Severity.HIGH);
        assertThat(only(f, "MX_TARGET_LOOKUP_FAILED").detail()).contains("TIMEOUT");
    }

    // ---- MTA-STS ----

    static final String GOOD_POLICY = "version: STSv1\nmode: enforce\nmx: mx1.example.org\nmax_age: 604800\n";

    static StsFacts sts(String txt, PolicyFetch fetch, List<String> mxHosts) {
        StsRecordResult record = StsRecordParser.evaluate(answer("_mta-sts." + D, "TXT",
                txt == null ? DnsOutcome.NXDOMAIN : DnsOutcome.ANSWER, DnssecStatus.INSECURE,
                txt == null ? List.of() : List.of(new TxtRecord(txt, txt.length(), 1))));
        StsPolicyResult policy = fetch != null && fetch.ok() ? StsPolicyParser.parse(fetch.body()) : null;
        return new StsFacts(D, record, fetch, policy,
                policy == null ? List.of() : StsEvaluator.coverage(policy.policy(), mxHosts));
    }

    static PolicyFetch fetched(String body) {
        return new PolicyFetch(PolicyFetch.urlFor(D), FetchStatus.OK, "192.0.2.9:443", 200, "text/plain", body, true,
                "HTTP/1.1 200 OK", 5);
    }

    @Test
    void noMtaStsSuggestsARecordAndAValidPolicyForTheMxHosts() {
        Finding f = only(DomainChecks.mtaSts(sts(null, null, List.of()), List.of("mx1.example.org")), "MTASTS_NONE");

        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.fix()).contains("_mta-sts.example.org. IN TXT \"v=STSv1; id=");
        String policy = f.fix().substring(f.fix().indexOf(":\n") + 2);
        assertThat(StsPolicyParser.parse(policy).valid()).isTrue();
        assertThat(StsPolicyParser.parse(policy).policy().mx()).containsExactly("mx1.example.org");
    }

    @Test
    void enforcedPolicyCoveringEveryMxIsOk() {
        List<Finding> f = DomainChecks.mtaSts(sts("v=STSv1; id=abc", fetched(GOOD_POLICY),
                List.of("mx1.example.org")), List.of("mx1.example.org"));

        assertThat(ids(f)).containsExactly("MTASTS_OK");
        assertThat(f.getFirst().detail()).contains("id abc");
    }

    @Test
    void uncoveredMxUnderEnforceIsHighAndBlocksOk() {
        List<String> mx = List.of("mx1.example.org", "mx2.example.org");
        List<Finding> f = DomainChecks.mtaSts(sts("v=STSv1; id=abc", fetched(GOOD_POLICY), mx), mx);

        Finding gap = only(f, "MTASTS_MX_NOT_COVERED");
        assertThat(gap.severity()).isEqualTo(Severity.HIGH);
        assertThat(gap.endpoint()).isEqualTo("mx2.example.org:25");
        assertThat(gap.fix()).contains("mx: mx2.example.org");
        assertThat(ids(f)).doesNotContain("MTASTS_OK");
    }

    @Test
    void testingModeIsLowAndUncoveredMxOnlyLow() {
        String body = GOOD_POLICY.replace("enforce", "testing");
        List<String> mx = List.of("mx1.example.org", "mx2.example.org");
        List<Finding> f = DomainChecks.mtaSts(sts("v=STSv1; id=abc", fetched(body), mx), mx);

        assertThat(only(f, "MTASTS_TESTING").severity()).isEqualTo(Severity.LOW);
        assertThat(only(f, "MTASTS_MX_NOT_COVERED").severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void invalidRecordMeansNoMtaStsEvenWithAGoodPolicy() {
        List<Finding> f = DomainChecks.mtaSts(sts("v=STSv1; id=not-valid!", fetched(GOOD_POLICY),
                List.of("mx1.example.org")), List.of("mx1.example.org"));

        assertThat(ids(f)).containsExactly("MTASTS_INVALID");
        assertThat(f.getFirst().detail()).contains("not-valid!");
    }

    @Test
    void unreachablePolicyCarriesTheFetchEvidenceAndAFixForItsCause() {
        var tooBig = new PolicyFetch(PolicyFetch.urlFor(D), FetchStatus.TOO_LARGE, "192.0.2.9:443", 200, "text/plain",
                null, true, "Content-Length 10485760 exceeds the 65536-byte limit", 20);

        Finding f = only(DomainChecks.mtaSts(sts("v=STSv1; id=abc", tooBig, List.of()), List.of()),
                "MTASTS_POLICY_UNREACHABLE");

        assertThat(f.detail()).contains("Content-Length 10485760").contains("192.0.2.9:443")
                .contains("sts-policy-fetch-error");
        assertThat(f.fix()).contains("64 KiB");
    }

    @Test
    void invalidPolicyGetsACorrectedPolicyThatKeepsWhatWasRight() {
        String broken = "version: STSv1\nmode: enforce\nmx: mx1.example.org\nmax_age: soon\n";

        Finding f = only(DomainChecks.mtaSts(sts("v=STSv1; id=abc", fetched(broken), List.of("mx1.example.org")),
                List.of("mx1.example.org")), "MTASTS_INVALID");

        assertThat(f.detail()).contains("max_age 'soon'");
        StsPolicyResult suggested = StsPolicyParser.parse(f.fix().substring(f.fix().indexOf(":\n") + 2));
        assertThat(suggested.valid()).isTrue();
        assertThat(suggested.policy().mode()).isEqualTo(io.mailtls.policy.mtasts.StsMode.ENFORCE);
        assertThat(suggested.policy().maxAge()).isEqualTo(604800L);
    }

    @Test
    void enforcementFailuresAreHighUnderEnforceAndLowUnderTesting() {
        var failing = new MxTlsObservation("mx1.example.org", true, true, "TLSv1.3", false, false, true, "");
        var passing = new MxTlsObservation("mx1.example.org", true, true, "TLSv1.3", true, false, true, "");
        StsFacts enforce = sts("v=STSv1; id=abc", fetched(GOOD_POLICY), List.of("mx1.example.org"));
        StsFacts testing = sts("v=STSv1; id=abc", fetched(GOOD_POLICY.replace("enforce", "testing")),
                List.of("mx1.example.org"));

        Finding high = only(DomainChecks.mtaStsEnforcement(enforce, List.of(failing)), "MTASTS_ENFORCE_FAILS");
        Finding low = only(DomainChecks.mtaStsEnforcement(testing, List.of(failing)), "MTASTS_ENFORCE_FAILS");

        assertThat(high.severity()).isEqualTo(Severity.HIGH);
        assertThat(high.detail()).contains("certificate-not-trusted");
        assertThat(low.severity()).isEqualTo(Severity.LOW);
        assertThat(DomainChecks.mtaStsEnforcement(enforce, List.of(passing))).isEmpty();
    }

    // ---- DANE ----

    static DaneResult dane(String host, DaneStatus status, DnssecStatus mx, List<TlsaRecord> records,
                           List<X509Certificate> chain) {
        var tlsa = answer("_25._tcp." + host, "TLSA", records.isEmpty() ? DnsOutcome.NXDOMAIN : DnsOutcome.ANSWER,
                status == DaneStatus.BOGUS ? DnssecStatus.BOGUS : mx, records.stream().map(TlsaRecord::raw).toList());
        var facts = new DaneFacts(host, 25, mx, mx, "_25._tcp." + host, tlsa, records, List.of(host), status,
                status + " evidence");
        return new DaneResult(facts, chain == null ? null
                : DaneMatcher.match(records, chain, List.of(host), Instant.now()));
    }

    @Test
    void noTlsaAnywhereIsOneDomainFindingWithTheRecordToPublish() {
        var ca = TestCerts.ca("CA");
        var leaf = TestCerts.leaf(ca, "mx1.example.org", List.of("mx1.example.org"));

        List<Finding> signed = DomainChecks.dane(List.of(dane("mx1.example.org", DaneStatus.NONE, DnssecStatus.SECURE,
                List.of(), List.of(leaf.cert()))));
        List<Finding> unsigned = DomainChecks.dane(List.of(dane("mx1.example.org", DaneStatus.NONE,
                DnssecStatus.INSECURE, List.of(), null)));

        assertThat(ids(signed)).containsExactly("DANE_NONE");
        assertThat(signed.getFirst().severity()).isEqualTo(Severity.LOW);
        assertThat(signed.getFirst().fix()).contains("_25._tcp.mx1.example.org. IN TLSA 3 1 1 ");
        assertThat(unsigned.getFirst().severity()).isEqualTo(Severity.INFO);
        assertThat(unsigned.getFirst().fix()).contains("DNSSEC");
    }

    @Test
    void eachDaneStatusMapsToItsFinding() {
        var ca = TestCerts.ca("CA");
        var leaf = TestCerts.leaf(ca, "mx1.example.org", List.of("mx1.example.org"));
        var other = TestCerts.leaf(ca, "mx2.example.org", List.of("mx2.example.org"));
        TlsaRecord good = TlsaParser.parse(DaneMatcher.match(List.of(), List.of(leaf.cert()), List.of(), Instant.now())
                .suggestedRecord());
        TlsaRecord malformed = TlsaParser.parse(new TlsaRdata(3, 1, 1, "abcd"));
        TlsaRecord pkix = TlsaParser.parse("1 1 1 " + "00".repeat(32));

        List<Finding> f = DomainChecks.dane(List.of(
                dane("mx1.example.org", DaneStatus.USABLE, DnssecStatus.SECURE, List.of(good, malformed),
                        List.of(leaf.cert())),
                dane("mx2.example.org", DaneStatus.USABLE, DnssecStatus.SECURE, List.of(good), List.of(other.cert())),
                dane("mx3.example.org", DaneStatus.INSECURE, DnssecStatus.INSECURE, List.of(good), null),
                dane("mx4.example.org", DaneStatus.BOGUS, DnssecStatus.SECURE, List.of(good), null),
                dane("mx5.example.org", DaneStatus.LOOKUP_FAILED, DnssecStatus.SECURE, List.of(), null),
                dane("mx6.example.org", DaneStatus.UNUSABLE, DnssecStatus.SECURE, List.of(pkix), null),
                dane("mx7.example.org", DaneStatus.NONE, DnssecStatus.SECURE, List.of(), null),
                dane("mx8.example.org", DaneStatus.USABLE, DnssecStatus.SECURE, List.of(good), null)));

        assertThat(ids(f)).containsExactly("DANE_OK", "DANE_TLSA_MALFORMED", "DANE_MISMATCH", "DANE_INSECURE",
                "DANE_BOGUS", "DANE_TLSA_LOOKUP_FAILED", "DANE_UNUSABLE", "DANE_NONE", "DANE_UNTESTED");
        Finding mismatch = only(f, "DANE_MISMATCH");
        assertThat(mismatch.severity()).isEqualTo(Severity.HIGH);
        assertThat(mismatch.endpoint()).isEqualTo("mx2.example.org:25");
        assertThat(mismatch.fix()).contains("_25._tcp.mx2.example.org. IN TLSA 3 1 1 ");
        assertThat(only(f, "DANE_BOGUS").detail()).contains("sig expired");
        assertThat(only(f, "DANE_OK").severity()).isEqualTo(Severity.OK);
    }

    // ---- TLS-RPT ----

    @Test
    void tlsRptVerdictsMapToFindings() {
        TlsRptFacts none = TlsRptParser.evaluate(D, List.of());
        TlsRptFacts bad = TlsRptParser.evaluate(D, List.of(new TxtRecord("v=TLSRPTv1; rua=tlsrpt@example.org", 34, 1)));
        TlsRptFacts good = TlsRptParser.evaluate(D, List.of(new TxtRecord("v=TLSRPTv1; rua=mailto:r@example.org", 36, 1)));

        assertThat(DomainChecks.tlsRpt(none)).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("TLSRPT_NONE");
            assertThat(f.fix()).contains("_smtp._tls.example.org. IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@example.org\"");
        });
        assertThat(DomainChecks.tlsRpt(bad)).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("TLSRPT_INVALID");
            assertThat(f.detail()).contains("no scheme");
        });
        assertThat(DomainChecks.tlsRpt(good)).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("TLSRPT_OK");
            assertThat(f.detail()).contains("mailto:r@example.org");
        });
    }
}
