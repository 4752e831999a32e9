package io.mailtls.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;

/**
 * The installed provider serves dnsjava's DNSSEC checks, and nothing else in the process sees it: other callers
 * of the same JCA names (JSSE, PKIX, the lab's signer) get the JDK's providers as before.
 */
class DnssecSignatureProviderTest {
    static DnssecSignatureProvider provider;
    static KeyPair ec;

    @BeforeAll
    static void install() throws Exception {
        provider = DnssecSignatureProvider.install();
        var g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ec = g.generateKeyPair();
    }

    @Test
    void isInstalledOnceAndFirst() {
        assertThat(DnssecSignatureProvider.install()).isSameAs(provider);
        assertThat(Security.getProviders()[0]).isSameAs(provider);
        assertThat(Arrays.stream(Security.getProviders()).filter(p -> p.getName().equals(provider.getName())))
                .hasSize(1);
    }

    @Test
    void otherCallersGetTheJdkProvider() throws Exception {
        for (String algorithm : DnssecSignatureProvider.ALGORITHMS) {
            assertThat(Signature.getInstance(algorithm).getProvider().getName()).as(algorithm)
                    .isNotEqualTo(DnssecSignatureProvider.NAME);
        }
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(ec.getPublic());
        assertThat(verifier.getProvider().getName()).isEqualTo("SunEC");

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(ec.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        assertThat(signer.getProvider().getName()).isEqualTo("SunEC");
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void dnssecChecksGoThroughTheMemo() throws Exception {
        Name zone = Name.fromString("memo.test.");
        var dnskey = new DNSKEYRecord(zone, DClass.IN, 3600, DNSKEYRecord.Flags.ZONE_KEY | DNSKEYRecord.Flags.SEP_KEY,
                DNSKEYRecord.Protocol.DNSSEC, DNSSEC.Algorithm.ECDSAP256SHA256, ec.getPublic());
        var rrset = new RRset(new ARecord(zone, DClass.IN, 3600, InetAddress.getByName("192.0.2.1")));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RRSIGRecord rrsig = DNSSEC.sign(rrset, dnskey, ec.getPrivate(), now.minusSeconds(60), now.plusSeconds(3600));
        SignatureMemo memo = provider.memo();

        long misses = memo.misses();
        DNSSEC.verify(rrset, rrsig, dnskey, now);
        assertThat(memo.misses()).as("the first check ran for real, in our provider").isGreaterThan(misses);
        long hits = memo.hits();
        DNSSEC.verify(rrset, rrsig, dnskey, now);
        assertThat(memo.hits()).as("the second came from the memo").isGreaterThan(hits);

        var forged = new RRset(new ARecord(zone, DClass.IN, 3600, InetAddress.getByName("192.0.2.66")));
        assertThatThrownBy(() -> DNSSEC.verify(forged, rrsig, dnskey, now))
                .isInstanceOf(DNSSEC.DNSSECException.class);
        // Validity times are dnsjava's to check, before any signature math: a remembered check does not outlive them.
        assertThatThrownBy(() -> DNSSEC.verify(rrset, rrsig, dnskey, now.plusSeconds(7200)))
                .isInstanceOf(DNSSEC.SignatureExpiredException.class);
    }
}
