package io.mailtls.check;

import static io.mailtls.cert.TestPki.NOW;
import static io.mailtls.cert.TestPki.cert;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.cert.CertificateAnalyzer;
import io.mailtls.cert.CertificateFacts;
import io.mailtls.cert.TestPki;
import io.mailtls.cert.TrustAnchors;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateChecksTest {
    private static final TestPki.Issued ROOT = TestPki.root("Checks Root");
    private static final TestPki.Issued INTER = TestPki.intermediate("Checks Intermediate", ROOT);
    private static final TestPki.Issued LEAF = TestPki.leaf("mx.lab.test", INTER);
    private static final TrustAnchors ANCHORS = TrustAnchors.of(List.of(ROOT.cert()));

    private static List<Finding> check(String expectedName, X509Certificate... chain) {
        return check(ANCHORS, expectedName, chain);
    }

    private static List<Finding> check(TrustAnchors anchors, String expectedName, X509Certificate... chain) {
        CertificateFacts facts = CertificateAnalyzer.analyze(List.of(chain), expectedName, anchors, NOW);
        List<Finding> findings = CertificateChecks.check(facts);
        for (Finding f : findings) {
            assertThat(f.endpoint()).isNull();
            assertThat(f.title()).doesNotContain("\n").isNotBlank();
            assertThat(f.detail()).isNotBlank();
            assertThat(f.fix().isBlank()).as("fix of %s", f.id()).isEqualTo(f.severity() == Severity.OK);
        }
        return findings;
    }

    private static Finding only(List<Finding> findings, String id) {
        assertThat(findings).filteredOn(f -> f.id().equals(id)).hasSize(1);
        return findings.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }

    @Test
    void aGoodCertificatePassesEveryCheck() {
        List<Finding> findings = check("mx.lab.test", LEAF.cert(), INTER.cert());

        assertThat(ids(findings)).containsExactly("CERT_TRUSTED", "CERT_VALIDITY_OK", "CERT_NAME_OK", "CERT_KEY_OK",
                "CERT_SIGNATURE_OK");
        assertThat(findings).extracting(Finding::severity).containsOnly(Severity.OK);
        assertThat(only(findings, "CERT_TRUSTED").title()).isEqualTo("Certificate chain is trusted");
        assertThat(only(findings, "CERT_NAME_OK").detail()).contains("DNS:mx.lab.test");
    }

    @Test
    void anExpiredLeafIsHighWithItsDateAndNotAlsoUntrusted() {
        Instant end = Instant.parse("2026-02-19T00:00:00Z");
        X509Certificate expired = cert("CN=mx.lab.test").dns("mx.lab.test").issuer(INTER)
                .validity(end.minus(Duration.ofDays(90)), end).build().cert();

        List<Finding> findings = check("mx.lab.test", expired, INTER.cert());

        Finding f = only(findings, "CERT_EXPIRED");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.title()).isEqualTo("Certificate expired");
        assertThat(f.detail()).isEqualTo("'CN=mx.lab.test' expired at 2026-02-19T00:00:00Z, 10 days before this check"
                + " (2026-03-01T12:00:00Z)");
        assertThat(f.fix()).contains("Renew the certificate", "smtpd_tls_chain_files", "Enable-ExchangeCertificate");
        assertThat(ids(findings)).doesNotContain("CERT_UNTRUSTED", "CERT_TRUSTED", "CERT_VALIDITY_OK", "CERT_EXPIRING")
                .contains("CERT_NAME_OK");
    }

    @Test
    void anExpiredIntermediateGetsAnIntermediateFix() {
        TestPki.Issued oldInter = cert("CN=Old Intermediate").ca().issuer(ROOT)
                .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1))).build();

        Finding f = only(check("mx.lab.test", TestPki.leaf("mx.lab.test", oldInter).cert(), oldInter.cert()), "CERT_EXPIRED");

        assertThat(f.title()).isEqualTo("An intermediate certificate expired");
        assertThat(f.detail()).startsWith("'CN=Old Intermediate' expired at ");
        assertThat(f.fix()).startsWith("Replace the expired intermediate");
    }

    @Test
    void aNotYetValidCertificateIsHigh() {
        X509Certificate future = cert("CN=mx.lab.test").dns("mx.lab.test").issuer(INTER)
                .validity(NOW.plus(Duration.ofDays(5)), NOW.plus(Duration.ofDays(95))).build().cert();

        List<Finding> findings = check("mx.lab.test", future, INTER.cert());

        Finding f = only(findings, "CERT_NOT_YET_VALID");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.detail()).contains("valid only from " + NOW.plus(Duration.ofDays(5)), "5 days after this check");
        assertThat(ids(findings)).doesNotContain("CERT_UNTRUSTED", "CERT_EXPIRED");
    }

    @Test
    void expiringWithinThirtyDaysIsLowAndStillTrusted() {
        X509Certificate soon = cert("CN=mx.lab.test").dns("mx.lab.test").issuer(INTER)
                .validity(NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(12))).build().cert();

        List<Finding> findings = check("mx.lab.test", soon, INTER.cert());

        Finding f = only(findings, "CERT_EXPIRING");
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.title()).isEqualTo("Certificate expires in 12 days");
        assertThat(ids(findings)).contains("CERT_TRUSTED").doesNotContain("CERT_VALIDITY_OK");

        X509Certificate later = cert("CN=mx.lab.test").dns("mx.lab.test").issuer(INTER)
                .validity(NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(31))).build().cert();
        assertThat(ids(check("mx.lab.test", later, INTER.cert()))).contains("CERT_VALIDITY_OK").doesNotContain("CERT_EXPIRING");
    }

    @Test
    void aSelfSignedCertificateIsHighAndSuggestsDaneToo() {
        X509Certificate self = cert("CN=mx.lab.test").dns("mx.lab.test").build().cert();

        List<Finding> findings = check("mx.lab.test", self);

        Finding f = only(findings, "CERT_SELF_SIGNED");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.title()).isEqualTo("Certificate is self-signed");
        assertThat(f.detail()).contains("'CN=mx.lab.test'");
        assertThat(f.fix()).contains("certbot certonly -d mx.lab.test", "TLSA");
        assertThat(ids(findings)).doesNotContain("CERT_UNTRUSTED", "CERT_CHAIN_INCOMPLETE", "CERT_WEAK_SIGNATURE");
    }

    @Test
    void aPrivateRootIsUntrusted() {
        TestPki.Issued privateRoot = TestPki.root("Private Root");
        TestPki.Issued privateInter = TestPki.intermediate("Private Intermediate", privateRoot);

        List<Finding> findings = check("mx.lab.test", TestPki.leaf("mx.lab.test", privateInter).cert(), privateInter.cert(),
                privateRoot.cert());

        Finding f = only(findings, "CERT_UNTRUSTED");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.detail()).contains("'CN=Private Root,O=mailtls test'");
        assertThat(f.fix()).contains("--ca-file");
        assertThat(ids(findings)).doesNotContain("CERT_TRUSTED", "CERT_SELF_SIGNED", "CERT_CHAIN_INCOMPLETE");
    }

    @Test
    void aMissingIntermediateIsMediumWithAConcreteFixAndNotAlsoUntrusted() {
        List<Finding> findings = check("mx.lab.test", LEAF.cert());

        Finding f = only(findings, "CERT_CHAIN_INCOMPLETE");
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.detail()).contains("'CN=Checks Intermediate,O=mailtls test'", "does not send");
        assertThat(f.fix()).contains("'CN=Checks Intermediate,O=mailtls test'",
                "smtpd_tls_chain_files with the leaf key, leaf cert, then intermediates", "Exchange", "import the intermediate");
        assertThat(ids(findings)).doesNotContain("CERT_UNTRUSTED", "CERT_TRUSTED");
    }

    @Test
    void aWrongNameListsTheExpectedAndPresentedNames() {
        X509Certificate other = cert("CN=www.lab.test").dns("www.lab.test", "lab.test").ip("127.0.0.9").issuer(INTER)
                .build().cert();

        List<Finding> findings = check("mx.lab.test", other, INTER.cert());

        Finding f = only(findings, "CERT_NAME_MISMATCH");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.title()).isEqualTo("Certificate does not match mx.lab.test");
        assertThat(f.detail()).isEqualTo("expected 'mx.lab.test'; the certificate 'CN=www.lab.test' presents subjectAltName"
                + " DNS:www.lab.test, DNS:lab.test, IP:127.0.0.9 (CN www.lab.test)");
        assertThat(f.fix()).contains("subjectAltName lists mx.lab.test");
        assertThat(ids(findings)).contains("CERT_TRUSTED").doesNotContain("CERT_NAME_OK");
    }

    @Test
    void aSha1SignedLeafIsAWeakSignature() {
        TestPki.Issued rsaRoot = cert("CN=RSA Root").key(TestPki.rsa2048()).ca().build();
        X509Certificate sha1 = cert("CN=mx.lab.test").dns("mx.lab.test").key(TestPki.rsa2048()).issuer(rsaRoot)
                .signature("SHA1withRSA").build().cert();

        List<Finding> findings = check(TrustAnchors.of(List.of(rsaRoot.cert())), "mx.lab.test", sha1);

        Finding f = only(findings, "CERT_WEAK_SIGNATURE");
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.title()).isEqualTo("Certificate is signed with SHA-1");
        assertThat(f.detail()).isEqualTo("'CN=mx.lab.test' is signed with SHA1withRSA");
        assertThat(ids(findings)).contains("CERT_TRUSTED", "CERT_KEY_OK").doesNotContain("CERT_SIGNATURE_OK");
    }

    @Test
    void anMd5SignatureIsUntrustedAndWeak() {
        TestPki.Issued rsaRoot = cert("CN=RSA Root").key(TestPki.rsa2048()).ca().build();
        X509Certificate md5 = cert("CN=mx.lab.test").dns("mx.lab.test").issuer(rsaRoot).signature("MD5withRSA").build().cert();

        List<Finding> findings = check(TrustAnchors.of(List.of(rsaRoot.cert())), "mx.lab.test", md5);

        assertThat(only(findings, "CERT_UNTRUSTED").title()).isEqualTo("Certificate chain uses a disallowed algorithm");
        assertThat(only(findings, "CERT_WEAK_SIGNATURE").title()).isEqualTo("Certificate is signed with MD5");
    }

    @Test
    void anRsa1024KeyIsWeak() {
        X509Certificate small = cert("CN=mx.lab.test").dns("mx.lab.test").key(TestPki.rsa(1024)).issuer(INTER).build().cert();

        List<Finding> findings = check("mx.lab.test", small, INTER.cert());

        Finding f = only(findings, "CERT_WEAK_KEY");
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.detail()).isEqualTo("'CN=mx.lab.test' has an RSA 1024 key (minimum: RSA 2048, EC 256)");
        assertThat(ids(findings)).contains("CERT_TRUSTED").doesNotContain("CERT_KEY_OK");
    }

    @Test
    void anEcKeyBelow256BitsIsWeakButP256AndEd25519AreNot() {
        X509Certificate p224 = cert("CN=mx.lab.test").dns("mx.lab.test").key(TestPki.ec224()).issuer(INTER).build().cert();
        assertThat(only(check("mx.lab.test", p224, INTER.cert()), "CERT_WEAK_KEY").detail()).contains("EC 224 (secp224r1)");

        X509Certificate ed = cert("CN=mx.lab.test").dns("mx.lab.test").key(TestPki.ed25519()).issuer(INTER).build().cert();
        assertThat(ids(check("mx.lab.test", ed, INTER.cert()))).contains("CERT_KEY_OK").doesNotContain("CERT_WEAK_KEY");
    }

    @Test
    void aWeakSelfSignedRootInThePathDoesNotCountAsAWeakSignature() {
        TestPki.Issued rsaRoot = cert("CN=Old RSA Root").key(TestPki.rsa2048()).ca().signature("SHA1withRSA").build();
        X509Certificate leaf = cert("CN=mx.lab.test").dns("mx.lab.test").issuer(rsaRoot).build().cert();

        List<Finding> findings = check("mx.lab.test", leaf, rsaRoot.cert());

        assertThat(ids(findings)).contains("CERT_UNTRUSTED", "CERT_SIGNATURE_OK").doesNotContain("CERT_WEAK_SIGNATURE");
    }

    @Test
    void chainOrderProblemsAreInfo() {
        List<Finding> findings = check("mx.lab.test", LEAF.cert(), ROOT.cert(), INTER.cert());

        Finding f = only(findings, "CERT_CHAIN_ORDER");
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.title()).isEqualTo("Certificate chain is sent out of order");
        assertThat(ids(findings)).contains("CERT_TRUSTED");
    }

    @Test
    void noCertificateIsUntrustedAndNothingElse() {
        assertThat(check("mx.lab.test")).extracting(Finding::id).containsExactly("CERT_UNTRUSTED");
    }

    @Test
    void findingsCanBeAttachedToTheirEndpoint() {
        Finding f = only(check("mx.lab.test", LEAF.cert()), "CERT_CHAIN_INCOMPLETE");
        assertThat(f.at("mx.lab.test:25").endpoint()).isEqualTo("mx.lab.test:25");
    }
}
