package io.mailtls.lab.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.mailtls.check.DomainChecks;
import io.mailtls.check.Finding;
import io.mailtls.dns.DnsClient;
import io.mailtls.dns.DnsConfig;
import io.mailtls.dns.DnssecStatus;
import io.mailtls.dns.MxFacts;
import io.mailtls.dns.MxHost;
import io.mailtls.dns.MxKind;
import io.mailtls.dns.MxResolver;
import io.mailtls.dns.TrustAnchors;
import io.mailtls.lab.domain.DomainScenario.Signing;
import io.mailtls.policy.dane.DaneDiscovery;
import io.mailtls.policy.dane.DaneFacts;
import io.mailtls.policy.dane.DaneMatch;
import io.mailtls.policy.dane.DaneMatcher;
import io.mailtls.policy.dane.DaneResult;
import io.mailtls.policy.dane.DaneStatus;
import io.mailtls.policy.mtasts.FetchStatus;
import io.mailtls.policy.mtasts.MtaStsDiscovery;
import io.mailtls.policy.mtasts.MxTlsObservation;
import io.mailtls.policy.mtasts.PolicyHostResolver;
import io.mailtls.policy.mtasts.PolicyTrust;
import io.mailtls.policy.mtasts.StsFacts;
import io.mailtls.policy.mtasts.StsPolicyFetcher;
import io.mailtls.policy.tlsrpt.TlsRptFacts;
import io.mailtls.policy.tlsrpt.TlsRptParser;

/**
 * The domain lab seen through the project's own client side: the validating DNS client with the
 * lab's trust anchor, the RFC 8461 fetcher resolving the policy host through that DNS, DANE
 * matched against the chain each MX really serves, and the domain checks' findings, which must
 * include every finding each scenario promises.
 */
class DomainLabTest {

    static DomainLab lab;
    static DnsClient dns;
    static StsPolicyFetcher fetcher;

    @BeforeAll
    static void start() throws Exception {
        lab = DomainLab.start(DomainLabConfig.defaults().withPolicyStall(Duration.ofSeconds(30)));
        dns = DnsClient.create(new DnsConfig(Optional.of(lab.dnsAddress()), Duration.ofSeconds(3),
                TrustAnchors.fromFile(lab.trustAnchorFile())));
        PolicyHostResolver viaLabDns = host -> PolicyHostResolver.dns(dns).resolve(host).stream()
                .map(a -> new InetSocketAddress(a.getAddress(), lab.policyPort())).toList();
        fetcher = new StsPolicyFetcher(PolicyTrust.only(PolicyTrust.readPem(lab.caFile())), viaLabDns,
                Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    static Stream<String> scenarios() {
        return DomainLab.scenarioIds().stream();
    }

    @Test
    void everyScenarioIsItsOwnDomainWithItsOwnAddressesOnOneSmtpPort() {
        assertThat(lab.domains()).extracting(DomainScenario::id).containsExactlyElementsOf(DomainLab.scenarioIds());
        assertThat(lab.domains()).allSatisfy(d -> assertThat(d.domain()).isEqualTo(d.id() + ".lab.test"));
        List<InetSocketAddress> all = lab.domains().stream().flatMap(d -> d.mx().stream())
                .map(DomainScenario.Mx::address).toList();
        assertThat(all).doesNotHaveDuplicates().allSatisfy(a -> {
            assertThat(a.getPort()).isEqualTo(lab.smtpPort());
            assertThat(a.getAddress().isLoopbackAddress()).isTrue();
        });
        assertThat(lab.servers()).hasSize(all.size());
        assertThat(lab.domain("all-good").mx()).extracting(DomainScenario.Mx::preference).containsExactly(10, 20);
        assertThat(PolicyTrust.readPem(lab.caFile())).containsExactly(lab.pki().root());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theDomainChecksFindWhatTheScenarioPromises(String id) throws Exception {
        DomainScenario scenario = lab.domain(id);
        Facts facts = gather(scenario);

        List<String> ids = facts.findings().stream().map(Finding::id).toList();
        for (String expected : scenario.expectedFindings()) {
            if (expected.equals("CERT_EXPIRED")) {
                assertThat(facts.observations()).anySatisfy(o -> assertThat(o.certificateExpired()).isTrue());
            } else {
                assertThat(ids).as("%s: findings %s", id, facts.findings()).contains(expected);
            }
        }
        DnssecStatus mxStatus = facts.mx().mx().dnssec();
        assertThat(mxStatus).isEqualTo(switch (scenario.signing()) {
            case SIGNED -> DnssecStatus.SECURE;
            case UNSIGNED -> DnssecStatus.INSECURE;
            case BOGUS -> DnssecStatus.BOGUS;
        });
    }

    @Test
    void allGoodIsSecureEverywhereAndTlsaMatchesWhatEachMxServes() throws Exception {
        Facts facts = gather(lab.domain("all-good"));

        assertThat(facts.mx().kind()).isEqualTo(MxKind.LISTED);
        assertThat(facts.mx().hosts()).extracting(MxHost::host)
                .containsExactly("mx1.all-good.lab.test", "mx2.all-good.lab.test");
        assertThat(facts.mx().hosts()).allSatisfy(h -> assertThat(h.addresses().dnssec()).isEqualTo(DnssecStatus.SECURE));
        assertThat(facts.dane()).hasSize(2).allSatisfy(r -> {
            assertThat(r.facts().status()).isEqualTo(DaneStatus.USABLE);
            assertThat(r.match().verdict()).isEqualTo(DaneMatch.Verdict.MATCH);
        });
        assertThat(facts.sts().active()).isTrue();
        assertThat(facts.sts().coverage()).allSatisfy(c -> assertThat(c.covered()).isTrue());
        assertThat(facts.observations()).allSatisfy(o -> {
            assertThat(o.chainTrusted()).isTrue();
            assertThat(o.certificateMatchesMx()).isTrue();
            assertThat(o.certificateExpired()).isFalse();
        });
        assertThat(facts.findings()).extracting(Finding::severity).extracting(Enum::name)
                .doesNotContain("CRITICAL", "HIGH", "MEDIUM");
        // The TLSA record is also published for the lab's own port, which a check on --mx-port may use.
        var atLabPort = dns.tlsa("_" + lab.smtpPort() + "._tcp.mx1.all-good.lab.test");
        assertThat(atLabPort.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(HexFormat.of().formatHex(atLabPort.records().getFirst().data()))
                .isEqualTo(HexFormat.of().formatHex(DaneMatcher.association(facts.chains().getFirst().getFirst(),
                        io.mailtls.policy.dane.TlsaRecord.Selector.SPKI, io.mailtls.policy.dane.TlsaRecord.MatchingType.SHA256)));
    }

    @Test
    void tlsaMismatchPublishesARecordThatMatchesNothingServed() throws Exception {
        Facts facts = gather(lab.domain("tlsa-mismatch"));

        assertThat(facts.dane()).singleElement().satisfies(r -> {
            assertThat(r.facts().tlsa().dnssec()).isEqualTo(DnssecStatus.SECURE);
            assertThat(r.match().verdict()).isEqualTo(DaneMatch.Verdict.NO_MATCH);
        });
    }

    @Test
    void theUnreachablePolicyHostIsRefusedAndTheServedOnesAreNot() {
        var unreachable = fetcher.fetch("policy-unreachable.lab.test");
        var served = fetcher.fetch("mx-not-covered.lab.test");

        assertThat(unreachable.status()).isEqualTo(FetchStatus.CONNECT_FAILED);
        assertThat(lab.policyHost().requests("mta-sts.policy-unreachable.lab.test")).isZero();
        assertThat(served.status()).isEqualTo(FetchStatus.OK);
        assertThat(served.body()).contains("mx: mx1.mx-not-covered.lab.test").doesNotContain("mx2");
    }

    @Test
    void theFaultyPolicyHostsFailTheWayTheyShould() {
        assertThat(fetcher.fetch("policy-not-found.lab.test").status()).isEqualTo(FetchStatus.HTTP_ERROR);
        assertThat(fetcher.fetch("policy-oversized.lab.test").status()).isEqualTo(FetchStatus.TOO_LARGE);
        assertThat(fetcher.fetch("policy-stalling.lab.test").status()).isEqualTo(FetchStatus.TIMEOUT);
        assertThat(lab.domain("policy-stalling").slow()).isTrue();
    }

    @Test
    void nullMxAndImplicitMx() {
        MxFacts nullMx = new MxResolver(dns).resolve("null-mx.lab.test");
        MxFacts implicit = new MxResolver(dns).resolve("no-mx.lab.test");

        assertThat(nullMx.kind()).isEqualTo(MxKind.NULL_MX);
        assertThat(nullMx.mx().dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(implicit.kind()).isEqualTo(MxKind.IMPLICIT);
        assertThat(implicit.mx().dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(implicit.hosts().getFirst().addresses().all()).containsExactly(
                lab.domain("no-mx").mx().getFirst().address().getAddress());
    }

    @Test
    void expiredEnforceServesAnExpiredLeafForTheMxName() throws Exception {
        Facts facts = gather(lab.domain("expired-enforce"));

        assertThat(facts.observations()).singleElement().satisfies(o -> {
            assertThat(o.certificateExpired()).isTrue();
            assertThat(o.certificateMatchesMx()).isTrue();
            assertThat(o.chainTrusted()).isTrue();
        });
        assertThat(facts.findings()).extracting(Finding::id).contains("MTASTS_ENFORCE_FAILS");
    }

    @Test
    void unsignedAndBogusDomainsAreDiagnosedSo() {
        assertThat(lab.domain("no-mtasts").signing()).isEqualTo(Signing.UNSIGNED);
        assertThat(dns.mx("no-mtasts.lab.test").dnssec()).isEqualTo(DnssecStatus.INSECURE);
        assertThat(dns.tlsa("_25._tcp.mx1.dane-insecure.lab.test").dnssec()).isEqualTo(DnssecStatus.INSECURE);
        var bogus = dns.tlsa("_25._tcp.mx1.bogus-dnssec.lab.test");
        assertThat(bogus.dnssec()).isEqualTo(DnssecStatus.BOGUS);
        assertThat(bogus.dnssecReason()).contains("expired");
    }

    /** Everything a domain check would gather, gathered with the project's client classes. */
    record Facts(MxFacts mx, StsFacts sts, TlsRptFacts tlsRpt, List<DaneResult> dane,
                 List<MxTlsObservation> observations, List<List<X509Certificate>> chains, List<Finding> findings) {
    }

    static Facts gather(DomainScenario scenario) throws Exception {
        String domain = scenario.domain();
        MxFacts mx = new MxResolver(dns).resolve(domain);
        List<String> hosts = mx.hosts().stream().map(MxHost::host).toList();
        StsFacts sts = new MtaStsDiscovery(dns, fetcher).discover(domain, hosts);
        TlsRptFacts rpt = TlsRptParser.lookup(dns, domain);
        List<DaneResult> dane = new ArrayList<>();
        List<MxTlsObservation> observations = new ArrayList<>();
        List<List<X509Certificate>> chains = new ArrayList<>();
        for (MxHost host : mx.hosts()) {
            var address = new InetSocketAddress(host.addresses().all().getFirst(), lab.smtpPort());
            List<X509Certificate> chain = StartTlsPeek.chain(address, host.host());
            chains.add(chain);
            DaneFacts facts = new DaneDiscovery(dns).lookup(host, mx.mx().dnssec(), DaneDiscovery.SMTP_PORT);
            DaneMatch match = facts.status() == DaneStatus.USABLE
                    ? DaneMatcher.match(facts.records(), chain, facts.referenceNames(), Instant.now()) : null;
            dane.add(new DaneResult(facts, match));
            observations.add(observe(host.host(), chain));
        }
        List<Finding> findings = new ArrayList<>(DomainChecks.mx(mx));
        findings.addAll(DomainChecks.mtaSts(sts, hosts));
        findings.addAll(DomainChecks.mtaStsEnforcement(sts, observations));
        findings.addAll(DomainChecks.dane(dane));
        findings.addAll(DomainChecks.tlsRpt(rpt));
        return new Facts(mx, sts, rpt, dane, observations, chains, findings);
    }

    /** Judges a served chain against the lab root: path (dated inside the leaf's period), dates, name. */
    static MxTlsObservation observe(String host, List<X509Certificate> chain) throws Exception {
        X509Certificate leaf = chain.getFirst();
        boolean expired;
        try {
            leaf.checkValidity();
            expired = false;
        } catch (java.security.cert.CertificateException e) {
            expired = true;
        }
        boolean trusted;
        try {
            var parameters = new PKIXParameters(Set.of(new TrustAnchor(lab.pki().root(), null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(new Date(leaf.getNotBefore().getTime() + 60_000));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
            trusted = true;
        } catch (java.security.GeneralSecurityException e) {
            trusted = false;
        }
        boolean named = leaf.getSubjectAlternativeNames().stream().anyMatch(san -> host.equals(san.get(1)));
        return new MxTlsObservation(host, true, true, "TLSv1.3", trusted, expired, named, "");
    }
}
