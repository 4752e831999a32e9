package io.mailtls.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mailtls.dns.DnsClient;
import io.mailtls.dns.MxFacts;
import io.mailtls.dns.MxHost;
import io.mailtls.dns.MxResolver;
import io.mailtls.dns.NsdServer;
import io.mailtls.policy.TestCerts;
import io.mailtls.policy.dane.DaneDiscovery;
import io.mailtls.policy.dane.DaneFacts;
import io.mailtls.policy.dane.DaneMatcher;
import io.mailtls.policy.dane.DaneResult;
import io.mailtls.policy.dane.TlsaRecord;
import io.mailtls.policy.mtasts.MtaStsDiscovery;
import io.mailtls.policy.mtasts.PolicyHostResolver;
import io.mailtls.policy.mtasts.PolicyTrust;
import io.mailtls.policy.mtasts.StsFacts;
import io.mailtls.policy.mtasts.StsPolicyFetcher;
import io.mailtls.policy.tlsrpt.TlsRptParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole domain flow on loopback: nsd for DNS, an HTTPS policy host, then the checks. */
@Tag("interop")
class DomainChecksEndToEndTest {
    @TempDir
    static Path dir;
    static NsdServer nsd;
    static HttpsServer policyHost;
    static DnsClient dns;
    static TestCerts.Issued ca;
    static List<X509Certificate> mxChain;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCerts.ca("E2E CA");
        var mxLeaf = TestCerts.leaf(ca, "mx1.secure.test", List.of("mx1.secure.test", "mx1.broken.test"));
        mxChain = List.of(mxLeaf.cert(), ca.cert());
        String hash = HexFormat.of().formatHex(DaneMatcher.association(mxLeaf.cert(), TlsaRecord.Selector.SPKI,
                TlsaRecord.MatchingType.SHA256));
        nsd = NsdServer.start(dir, List.of(
                NsdServer.Zone.signed("secure.test", """
                        @ IN MX 10 mx1
                        mx1 IN A 127.0.0.1
                        _25._tcp.mx1 IN TLSA 3 1 1 %s
                        _mta-sts IN TXT "v=STSv1; id=1"
                        _smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@secure.test"
                        """.formatted(hash)),
                NsdServer.Zone.unsigned("broken.test", """
                        @ IN MX 10 mx1
                        @ IN MX 20 mx2
                        mx1 IN A 127.0.0.1
                        mx2 IN A 127.0.0.2
                        _25._tcp.mx1 IN TLSA 3 1 1 %s
                        _mta-sts IN TXT "v=STSv1; id=2"
                        _smtp._tls IN TXT "v=TLSRPTv1; rua=http://reports.broken.test/"
                        """.formatted(hash)),
                NsdServer.Zone.unsigned("plain.test", """
                        @ IN MX 10 mx
                        mx IN A 127.0.0.3
                        """)));
        dns = DnsClient.create(nsd.config(Duration.ofSeconds(2)));

        var policyLeaf = TestCerts.leaf(ca, "mta-sts.secure.test", List.of("mta-sts.secure.test", "mta-sts.broken.test"));
        policyHost = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        policyHost.setHttpsConfigurator(new HttpsConfigurator(TestCerts.serverContext(policyLeaf, policyLeaf.cert(),
                ca.cert())));
        policyHost.createContext("/.well-known/mta-sts.txt", exchange -> {
            String domain = exchange.getRequestHeaders().getFirst("Host").substring("mta-sts.".length());
            byte[] body = ("version: STSv1\r\nmode: enforce\r\nmx: mx1." + domain + "\r\nmax_age: 604800\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        policyHost.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (policyHost != null) {
            policyHost.stop(0);
        }
        if (nsd != null) {
            nsd.close();
        }
    }

    /** What the audit layer will do for a domain target, minus the SMTP part. */
    static List<Finding> check(String domain) {
        MxFacts mx = new MxResolver(dns).resolve(domain);
        List<String> hosts = mx.hosts().stream().map(MxHost::host).toList();
        var port = new InetSocketAddress(InetAddress.getLoopbackAddress(), policyHost.getAddress().getPort());
        var fetcher = new StsPolicyFetcher(PolicyTrust.only(List.of(ca.cert())),
                PolicyHostResolver.fixed(Map.of("mta-sts." + domain, port)), Duration.ofSeconds(2));
        StsFacts sts = new MtaStsDiscovery(dns, fetcher).discover(domain, hosts);
        var daneDiscovery = new DaneDiscovery(dns);
        List<DaneResult> dane = new ArrayList<>();
        for (MxHost host : mx.hosts()) {
            DaneFacts facts = daneDiscovery.lookup(host, mx.mx().dnssec(), DaneDiscovery.SMTP_PORT);
            dane.add(new DaneResult(facts, DaneMatcher.match(facts.records(), mxChain, facts.referenceNames(),
                    Instant.now())));
        }
        List<Finding> findings = new ArrayList<>(DomainChecks.mx(mx));
        findings.addAll(DomainChecks.mtaSts(sts, hosts));
        findings.addAll(DomainChecks.dane(dane));
        findings.addAll(DomainChecks.tlsRpt(TlsRptParser.lookup(dns, domain)));
        return findings;
    }

    static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }

    @Test
    void wellConfiguredSignedDomainPassesEveryCheck() {
        List<Finding> findings = check("secure.test");

        assertThat(ids(findings)).containsExactly("MX_OK", "MTASTS_OK", "DANE_OK", "TLSRPT_OK");
        assertThat(findings).allMatch(f -> f.severity() == Severity.OK);
    }

    @Test
    void brokenUnsignedDomainShowsEachProblem() {
        List<Finding> findings = check("broken.test");

        assertThat(ids(findings)).containsExactly("MX_OK", "MTASTS_MX_NOT_COVERED", "DANE_INSECURE", "DANE_NONE",
                "TLSRPT_INVALID");
        assertThat(findings.get(1).endpoint()).isEqualTo("mx2.broken.test:25");
    }

    @Test
    void bareDomainLacksEveryPolicy() {
        List<Finding> findings = check("plain.test");

        assertThat(ids(findings)).containsExactly("MX_OK", "MTASTS_NONE", "DANE_NONE", "TLSRPT_NONE");
        assertThat(findings.get(2).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void dnsPolicyHostResolverUsesOurResolverAndPort443() throws Exception {
        List<InetSocketAddress> found = PolicyHostResolver.dns(dns).resolve("mx1.secure.test");

        assertThat(found).containsExactly(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 443));
    }
}
