package io.mailtls.cert;

import static io.mailtls.cert.TestPki.cert;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CertificateInfoTest {
    private static final TestPki.Issued ROOT = TestPki.root("Info Root");

    @Test
    void readsTheFactsOfAnRsaLeafWithDnsAndIpNames() throws Exception {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-12-31T23:59:59Z");
        X509Certificate leaf = cert("CN=mx.lab.test,O=Lab,C=DE").key(TestPki.rsa2048()).issuer(ROOT)
                .dns("mx.lab.test", "mail.lab.test").ip("127.0.0.1", "::1").validity(from, to)
                .signature("SHA256withECDSA").build().cert();

        CertificateInfo info = CertificateInfo.of(leaf);

        assertThat(info.subject()).isEqualTo("CN=mx.lab.test,O=Lab,C=DE");
        assertThat(info.issuer()).isEqualTo("CN=Info Root,O=mailtls test");
        assertThat(info.commonName()).isEqualTo("mx.lab.test");
        assertThat(info.notBefore()).isEqualTo(from);
        assertThat(info.notAfter()).isEqualTo(to);
        assertThat(info.san()).containsExactly("mx.lab.test", "mail.lab.test", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(info.dnsNames()).containsExactly("mx.lab.test", "mail.lab.test");
        assertThat(info.ipAddresses()).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(info.key()).isEqualTo("RSA 2048");
        assertThat(info.keyAlgorithm()).isEqualTo("RSA");
        assertThat(info.keyBits()).isEqualTo(2048);
        assertThat(info.signature()).isEqualTo("SHA256withECDSA");
        assertThat(info.signatureHash()).isEqualTo("SHA-256");
        assertThat(info.sha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()))).hasSize(64).isLowerCase();
        assertThat(info.selfIssued()).isFalse();
        assertThat(info.expiredAt(to.plusSeconds(1))).isTrue();
        assertThat(info.expiredAt(to)).isFalse();
        assertThat(info.notYetValidAt(from.minusSeconds(1))).isTrue();
    }

    @Test
    void describesEllipticCurveAndEdwardsKeys() {
        assertThat(CertificateInfo.of(ROOT.cert()).key()).isEqualTo("EC 256 (secp256r1)");
        CertificateInfo p384 = CertificateInfo.of(cert("CN=p384").key(TestPki.ec("secp384r1")).build().cert());
        assertThat(p384.key()).isEqualTo("EC 384 (secp384r1)");
        assertThat(p384.keyBits()).isEqualTo(384);
        assertThat(p384.signature()).isEqualTo("SHA256withECDSA");

        CertificateInfo ed = CertificateInfo.of(cert("CN=ed").key(TestPki.ed25519()).build().cert());
        assertThat(ed.key()).isEqualTo("Ed25519");
        assertThat(ed.keyAlgorithm()).isEqualTo("Ed25519");
        assertThat(ed.signature()).isEqualTo("Ed25519");
        assertThat(ed.signatureHash()).isEmpty();
    }

    @Test
    void namesTheDigestOfWeakAndPssSignatures() {
        var rsaRoot = cert("CN=RSA Root").key(TestPki.rsa2048()).ca().build();
        assertThat(CertificateInfo.of(cert("CN=sha1").issuer(rsaRoot).signature("SHA1withRSA").build().cert()))
                .extracting(CertificateInfo::signature, CertificateInfo::signatureHash)
                .containsExactly("SHA1withRSA", "SHA-1");
        assertThat(CertificateInfo.of(cert("CN=md5").issuer(rsaRoot).signature("MD5withRSA").build().cert())
                .signatureHash()).isEqualTo("MD5");
        assertThat(CertificateInfo.of(cert("CN=pss").issuer(rsaRoot).signature("SHA384withRSAandMGF1").build().cert()))
                .extracting(CertificateInfo::signature, CertificateInfo::signatureHash)
                .containsExactly("RSASSA-PSS", "SHA-384");
    }

    @Test
    void marksSelfIssuedCertificatesAndToleratesMissingNames() {
        CertificateInfo root = CertificateInfo.of(ROOT.cert());
        assertThat(root.selfIssued()).isTrue();
        assertThat(root.san()).isEmpty();

        CertificateInfo noCn = CertificateInfo.of(cert("O=No Common Name,C=FR").issuer(ROOT).build().cert());
        assertThat(noCn.commonName()).isNull();
        assertThat(noCn.selfIssued()).isFalse();
    }

    @Test
    void takesTheMostSpecificCommonName() {
        // RFC 2253 lists the most specific RDN first; in DER order this is C, CN=outer, CN=inner.
        X509Certificate twoCns = cert("CN=inner.lab.test,CN=outer.lab.test,C=DE").build().cert();
        assertThat(CertificateInfo.of(twoCns).commonName()).isEqualTo("inner.lab.test");
    }
}
