package io.mailtls.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validating client against a real nsd serving signed, unsigned, expired and tampered zones. */
@Tag("interop")
class DnsClientNsdTest {
    static final String HASH = "8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1";
    static final String STRING_250 = "a".repeat(250);

    @TempDir
    static Path dir;
    static NsdServer nsd;
    static DnsClient dns;

    @BeforeAll
    static void startNsd() throws Exception {
        nsd = NsdServer.start(dir, List.of(
                NsdServer.Zone.signed("secure.test", """
                        @ IN MX 20 mx2
                        @ IN MX 10 mx1
                        mx1 IN A 127.0.0.1
                        mx1 IN AAAA ::1
                        mx2 IN A 127.0.0.2
                        alias IN CNAME mx1
                        outside IN CNAME mx.plain.test.
                        _mta-sts IN TXT "v=STSv1; id=20240101"
                        medium IN TXT %s
                        big IN TXT %s
                        _25._tcp.mx1 IN TLSA 3 1 1 %s
                        child IN NS ns.secure.test.
                        """.formatted(strings(6), strings(20), HASH)),
                NsdServer.Zone.unsigned("child.secure.test", """
                        @ IN MX 10 mx
                        mx IN A 127.0.0.3
                        """),
                NsdServer.Zone.unsigned("plain.test", """
                        @ IN MX 10 mx
                        mx IN A 127.0.0.4
                        """),
                NsdServer.Zone.expired("expired.test", """
                        @ IN MX 10 mx
                        mx IN A 127.0.0.5
                        """),
                NsdServer.Zone.tampered("tampered.test", """
                        @ IN MX 10 mx
                        @ IN TXT "original"
                        mx IN A 127.0.0.6
                        """, signed -> signed.replace("\"original\"", "\"forged!!\"")),
                NsdServer.Zone.unsigned("broken.test", """
                        bad IN TLSA \\# 2 0301
                        """)));
        dns = DnsClient.create(nsd.config(Duration.ofSeconds(2)));
    }

    static String strings(int n) {
        return ("\"" + STRING_250 + "\" ").repeat(n);
    }

    @AfterAll
    static void stopNsd() throws Exception {
        if (nsd != null) {
            nsd.close();
        }
    }

    @Test
    void signedMxIsSecureAndSortedByPreference() {
        DnsAnswer<MxRecord> mx = dns.mx("secure.test");

        assertThat(mx.outcome()).isEqualTo(DnsOutcome.ANSWER);
        assertThat(mx.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(mx.records()).containsExactly(new MxRecord(10, "mx1.secure.test"), new MxRecord(20, "mx2.secure.test"));
        assertThat(mx.rcode()).isEqualTo("NOERROR");
    }

    @Test
    void nxdomainAndNodataAreDistinctAndBothProvenSecure() {
        DnsAnswer<TxtRecord> nx = dns.txt("nope.secure.test");
        DnsAnswer<TxtRecord> nodata = dns.txt("mx1.secure.test");

        assertThat(nx.outcome()).isEqualTo(DnsOutcome.NXDOMAIN);
        assertThat(nx.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(nodata.outcome()).isEqualTo(DnsOutcome.NODATA);
        assertThat(nodata.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(nodata.records()).isEmpty();
    }

    @Test
    void addressesFollowCnamesAndKeepBothFamilies() {
        Addresses mx1 = dns.addresses("mx1.secure.test");
        Addresses alias = dns.addresses("alias.secure.test");

        assertThat(mx1.all()).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(mx1.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(alias.ipv4().records()).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(alias.aliases()).containsExactly("mx1.secure.test");
        assertThat(alias.ipv4().canonicalName()).isEqualTo("mx1.secure.test");
        assertThat(dns.cname("alias.secure.test").records()).containsExactly("mx1.secure.test");
        assertThat(dns.cname("mx1.secure.test").outcome()).isEqualTo(DnsOutcome.NODATA);
    }

    @Test
    void aCnameIntoAnotherZoneIsFollowedWithTheWorseStatus() {
        DnsAnswer<InetAddress> a = dns.address("outside.secure.test", false);

        assertThat(a.aliases()).containsExactly("mx.plain.test");
        assertThat(a.records()).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.4");
        assertThat(a.dnssec()).isEqualTo(DnssecStatus.INSECURE);
    }

    @Test
    void unsignedDelegationFromASignedZoneIsInsecure() {
        DnsAnswer<MxRecord> mx = dns.mx("child.secure.test");

        assertThat(mx.outcome()).isEqualTo(DnsOutcome.ANSWER);
        assertThat(mx.records()).containsExactly(new MxRecord(10, "mx.child.secure.test"));
        assertThat(mx.dnssec()).isEqualTo(DnssecStatus.INSECURE);
    }

    @Test
    void zoneWithoutTrustAnchorIsInsecure() {
        DnsAnswer<MxRecord> mx = dns.mx("plain.test");

        assertThat(mx.outcome()).isEqualTo(DnsOutcome.ANSWER);
        assertThat(mx.dnssec()).isEqualTo(DnssecStatus.INSECURE);
    }

    @Test
    void expiredSignaturesAreBogusWithTheReasonAndTheServedRecordsAsEvidence() {
        DnsAnswer<MxRecord> mx = dns.mx("expired.test");

        assertThat(mx.dnssec()).isEqualTo(DnssecStatus.BOGUS);
        assertThat(mx.dnssecReason()).contains("RRSIG over MX expired 2020-02-01T00:00:00Z");
        assertThat(mx.outcome()).isEqualTo(DnsOutcome.ANSWER);
        assertThat(mx.records()).containsExactly(new MxRecord(10, "mx.expired.test"));
        assertThat(mx.summary()).contains("BOGUS");
    }

    @Test
    void tamperedRecordIsBogusWhileItsUntouchedNeighbourStaysSecure() {
        DnsAnswer<TxtRecord> txt = dns.txt("tampered.test");
        DnsAnswer<MxRecord> mx = dns.mx("tampered.test");

        assertThat(txt.dnssec()).isEqualTo(DnssecStatus.BOGUS);
        assertThat(txt.records()).extracting(TxtRecord::text).containsExactly("forged!!");
        assertThat(mx.dnssec()).isEqualTo(DnssecStatus.SECURE);
    }

    @Test
    void aTrustAnchorThatMatchesNoKeyMakesTheZoneBogus() {
        var wrong = TrustAnchors.parse("secure.test. IN DS 12345 13 2 " + HASH, "test");
        try (DnsClient client = DnsClient.create(nsd.config(Duration.ofSeconds(2)).withAnchors(wrong))) {
            DnsAnswer<MxRecord> mx = client.mx("secure.test");

            assertThat(mx.dnssec()).isEqualTo(DnssecStatus.BOGUS);
            assertThat(mx.dnssecReason()).contains("DS");
        }
    }

    @Test
    void serverFailureIsServfailNotBogus() {
        DnsAnswer<TxtRecord> txt = dns.txt("bad.broken.test");

        assertThat(txt.outcome()).isEqualTo(DnsOutcome.SERVFAIL);
        assertThat(txt.rcode()).isEqualTo("SERVFAIL");
        assertThat(txt.dnssec()).isEqualTo(DnssecStatus.INDETERMINATE);
    }

    @Test
    void zoneTheServerDoesNotServeIsRefused() {
        DnsAnswer<MxRecord> mx = dns.mx("elsewhere.example");

        assertThat(mx.outcome()).isEqualTo(DnsOutcome.REFUSED);
        assertThat(mx.summary()).contains("REFUSED");
    }

    @Test
    void largeTxtArrivesWholeOverTcpAfterTruncation() {
        DnsAnswer<TxtRecord> txt = dns.txt("medium.secure.test");

        assertThat(txt.outcome()).isEqualTo(DnsOutcome.ANSWER);
        assertThat(txt.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(txt.records().getFirst().octets()).isEqualTo(1500);
        assertThat(txt.records().getFirst().text()).hasSize(1500);
        assertThat(txt.records().getFirst().oversized()).isFalse();
    }

    @Test
    void oversizedTxtIsCutAndFlagged() {
        TxtRecord big = dns.txt("big.secure.test").records().getFirst();

        assertThat(big.octets()).isEqualTo(5000);
        assertThat(big.strings()).isEqualTo(20);
        assertThat(big.oversized()).isTrue();
        assertThat(big.text()).hasSize(TxtRecord.MAX_OCTETS);
        assertThat(big.display()).endsWith("(5000 octets)");
    }

    @Test
    void tlsaRecordsAreReadWithTheirStatus() {
        DnsAnswer<TlsaRdata> tlsa = dns.tlsa("_25._tcp.mx1.secure.test");

        assertThat(tlsa.records()).containsExactly(new TlsaRdata(3, 1, 1, HASH));
        assertThat(tlsa.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(dns.tlsa("_25._tcp.mx2.secure.test").outcome()).isEqualTo(DnsOutcome.NXDOMAIN);
    }

    @Test
    void invalidNameIsRefusedWithoutAQuery() {
        DnsAnswer<MxRecord> mx = dns.mx("bad..name");

        assertThat(mx.outcome()).isEqualTo(DnsOutcome.BAD_NAME);
        assertThat(mx.error()).contains("bad..name");
    }
}
