package io.mailtls.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.mailtls.testsupport.TestPki.KeyAlgorithm;
import io.mailtls.testsupport.TestPki.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {
    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create(dir);
    }

    @Test
    void goodChainValidatesAgainstTheRootFile() throws Exception {
        TestPki.Leaf good = pki.leaf(Kind.GOOD);
        X509Certificate root = Pem.certificates(Files.readString(pki.caFile())).getFirst();

        validate(good.servedChain(), root);

        assertThat(good.servedChain()).containsExactly(good.certificate(), pki.intermediateCertificate());
        assertThat(dnsNames(good.certificate())).containsExactly(TestPki.DEFAULT_HOST);
        assertThat(good.certificate().getPublicKey()).isInstanceOf(RSAPublicKey.class);
        assertThat(((RSAPublicKey) good.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void chainFileHoldsKeyThenLeafThenIntermediate() throws Exception {
        TestPki.Leaf good = pki.leaf(Kind.GOOD, KeyAlgorithm.EC);
        String pem = Files.readString(good.chainFile());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Pem.certificates(pem)).containsExactly(good.certificate(), pki.intermediateCertificate());
        assertThat(good.certificate().getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(Files.getPosixFilePermissions(good.chainFile())).hasSize(2);
    }

    @Test
    void expiredAndNotYetValidFailValidationForTheirDates() {
        assertThatThrownBy(() -> validate(pki.leaf(Kind.EXPIRED).servedChain(), pki.rootCertificate()))
                .isInstanceOf(CertPathValidatorException.class)
                .hasCauseInstanceOf(CertificateExpiredException.class);
        assertThatThrownBy(() -> validate(pki.leaf(Kind.NOT_YET_VALID).servedChain(), pki.rootCertificate()))
                .isInstanceOf(CertPathValidatorException.class)
                .hasCauseInstanceOf(CertificateNotYetValidException.class);
    }

    @Test
    void wrongNameIsValidButForAnotherHost() throws Exception {
        TestPki.Leaf wrong = pki.leaf(Kind.WRONG_NAME);

        validate(wrong.servedChain(), pki.rootCertificate());
        assertThat(dnsNames(wrong.certificate())).containsExactly(TestPki.WRONG_HOST);
    }

    @Test
    void selfSignedIsItsOwnIssuerAndNotTrusted() throws Exception {
        X509Certificate self = pki.leaf(Kind.SELF_SIGNED).certificate();

        self.verify(self.getPublicKey());
        assertThat(self.getIssuerX500Principal()).isEqualTo(self.getSubjectX500Principal());
        assertThatThrownBy(() -> validate(List.of(self), pki.rootCertificate()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void missingIntermediateServesTheLeafAlone() throws Exception {
        TestPki.Leaf leaf = pki.leaf(Kind.MISSING_INTERMEDIATE);

        assertThat(Pem.certificates(Files.readString(leaf.chainFile()))).containsExactly(leaf.certificate());
        assertThat(leaf.certificate()).isNotEqualTo(pki.leaf(Kind.GOOD).certificate());
        assertThatThrownBy(() -> validate(leaf.servedChain(), pki.rootCertificate()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void everyLeafHasItsOwnKey() {
        var keys = Arrays.stream(Kind.values())
                .map(k -> pki.leaf(k).certificate().getPublicKey())
                .distinct()
                .count();
        assertThat(keys).isEqualTo(Kind.values().length);
    }

    private static void validate(List<X509Certificate> chain, X509Certificate root) throws Exception {
        var path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
        var params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    private static List<String> dnsNames(X509Certificate c) throws Exception {
        Collection<List<?>> sans = c.getSubjectAlternativeNames();
        return sans.stream().filter(e -> (Integer) e.get(0) == 2).map(e -> (String) e.get(1)).toList();
    }
}
