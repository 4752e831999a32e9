package io.mailtls.policy.dane;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.dns.DnsClient;
import io.mailtls.dns.DnssecStatus;
import io.mailtls.dns.MxFacts;
import io.mailtls.dns.MxHost;
import io.mailtls.dns.MxResolver;
import io.mailtls.dns.NsdServer;
import io.mailtls.policy.TestCerts;
import io.mailtls.policy.dane.TlsaRecord.MatchingType;
import io.mailtls.policy.dane.TlsaRecord.Selector;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DANE from DNS to match: TLSA records served by nsd in signed, unsigned and broken zones. */
@Tag("interop")
class DaneDiscoveryNsdTest {
    @TempDir
    static Path dir;
    static NsdServer nsd;
    static DnsClient dns;
    static List<X509Certificate> chain;

    @BeforeAll
    static void start() throws Exception {
        var ca = TestCerts.ca("DANE Test CA");
        var leaf = TestCerts.leaf(ca, "mx1.secure.test", List.of("mx1.secure.test"));
        chain = List.of(leaf.cert(), ca.cert());
        String hash = HexFormat.of().formatHex(DaneMatcher.association(leaf.cert(), Selector.SPKI, MatchingType.SHA256));
        nsd = NsdServer.start(dir, List.of(
                NsdServer.Zone.signed("secure.test", """
                        @ IN MX 10 mx1
                        @ IN MX 20 mxalias
                        @ IN MX 30 mx2
                        @ IN MX 40 mx3
                        @ IN MX 50 mx4
                        mx1 IN A 127.0.0.1
                        mxalias IN CNAME mx1
                        _25._tcp.mx1 IN TLSA 3 1 1 %s
                        mx2 IN A 127.0.0.2
                        mx3 IN A 127.0.0.3
                        _25._tcp.mx3 IN TLSA 1 1 1 %s
                        _25._tcp.mx3 IN TLSA 3 1 1 abcd
                        mx4 IN A 127.0.0.4
                        _tcp.mx4 IN NS ns.secure.test.
                        """.formatted(hash, hash)),
                NsdServer.Zone.unsigned("_tcp.mx4.secure.test", "broken IN TLSA \\# 2 0301"),
                NsdServer.Zone.unsigned("plain.test", """
                        @ IN MX 10 mx
                        mx IN A 127.0.0.5
                        _25._tcp.mx IN TLSA 3 1 1 %s
                        """.formatted(hash)),
                NsdServer.Zone.expired("expired.test", """
                        @ IN MX 10 mx
                        mx IN A 127.0.0.6
                        _25._tcp.mx IN TLSA 3 1 1 %s
                        """.formatted(hash))));
        dns = DnsClient.create(nsd.config(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nsd != null) {
            nsd.close();
        }
    }

    static DaneFacts lookup(String domain, String host) {
        MxFacts mx = new MxResolver(dns).resolve(domain);
        MxHost mxHost = mx.hosts().stream().filter(h -> h.host().equals(host)).findFirst().orElseThrow();
        return new DaneDiscovery(dns).lookup(mxHost, mx.mx().dnssec(), DaneDiscovery.SMTP_PORT);
    }

    @Test
    void secureTlsaMatchesTheServedChain() {
        DaneFacts facts = lookup("secure.test", "mx1.secure.test");

        assertThat(facts.status()).isEqualTo(DaneStatus.USABLE);
        assertThat(facts.tlsaName()).isEqualTo("_25._tcp.mx1.secure.test");
        assertThat(facts.mxDnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(facts.tlsa().dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(DaneMatcher.match(facts.records(), chain, facts.referenceNames(), Instant.now()).verdict())
                .isEqualTo(DaneMatch.Verdict.MATCH);
    }

    @Test
    void aliasedMxHostUsesTheExpandedNameAsTlsaBase() {
        DaneFacts facts = lookup("secure.test", "mxalias.secure.test");

        assertThat(facts.status()).isEqualTo(DaneStatus.USABLE);
        assertThat(facts.tlsaName()).isEqualTo("_25._tcp.mx1.secure.test");
        assertThat(facts.referenceNames()).containsExactly("mx1.secure.test", "mxalias.secure.test");
    }

    @Test
    void secureHostWithoutTlsaHasNoDane() {
        DaneFacts facts = lookup("secure.test", "mx2.secure.test");

        assertThat(facts.status()).isEqualTo(DaneStatus.NONE);
        assertThat(facts.tlsa().dnssec()).isEqualTo(DnssecStatus.SECURE);
    }

    @Test
    void onlyPkixAndMalformedRecordsAreUnusable() {
        DaneFacts facts = lookup("secure.test", "mx3.secure.test");

        assertThat(facts.status()).isEqualTo(DaneStatus.UNUSABLE);
        assertThat(facts.records()).extracting(TlsaRecord::status)
                .containsExactlyInAnyOrder(TlsaRecord.Status.UNUSABLE, TlsaRecord.Status.MALFORMED);
        assertThat(facts.reason()).contains("RFC 7672").contains("32 bytes");
    }

    @Test
    void failedTlsaLookupOnASecureHostIsALookupFailure() {
        DaneFacts facts = lookup("secure.test", "mx4.secure.test");

        assertThat(facts.status()).isEqualTo(DaneStatus.LOOKUP_FAILED);
        assertThat(facts.reason()).contains("SERVFAIL");
    }

    @Test
    void tlsaInAnUnsignedZoneIsInsecure() {
        DaneFacts facts = lookup("plain.test", "mx.plain.test");

        assertThat(facts.status()).isEqualTo(DaneStatus.INSECURE);
        assertThat(facts.records()).hasSize(1);
        assertThat(facts.reason()).contains("MX INSECURE");
    }

    @Test
    void expiredSignaturesMakeDaneBogus() {
        DaneFacts facts = lookup("expired.test", "mx.expired.test");

        assertThat(facts.status()).isEqualTo(DaneStatus.BOGUS);
        assertThat(facts.reason()).contains("MX lookup");
    }
}
