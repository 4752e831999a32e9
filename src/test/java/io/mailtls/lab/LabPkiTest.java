package io.mailtls.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
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
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mailtls.lab.pki.Credential;
import io.mailtls.lab.pki.CredentialKind;
import io.mailtls.lab.pki.LabPki;

class LabPkiTest {

    private static LabPki pki;

    @BeforeAll
    static void makePki() {
        pki = LabPki.create();
    }

    @Test
    void goodChainValidatesToTheRootAndNamesTheLabHost() throws Exception {
        Credential good = pki.credential(CredentialKind.GOOD);
        assertThat(good.chain()).hasSize(2);
        validate(good.chain());
        assertThat(dnsNames(good.leaf())).containsExactly(LabPki.HOST);
        assertThat(good.leaf().getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(good.leaf().getBasicConstraints()).isEqualTo(-1);
        assertThat(pki.root().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void rsaLeafIs2048BitsAndAllowsKeyEncipherment() throws Exception {
        Credential rsa = pki.credential(CredentialKind.GOOD_RSA);
        validate(rsa.chain());
        assertThat(((RSAPublicKey) rsa.leaf().getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(rsa.leaf().getKeyUsage()[2]).as("keyEncipherment").isTrue();
    }

    @Test
    void expiredAndNotYetValidLeavesAreOutsideTheirPeriodButOtherwiseCorrect() throws Exception {
        X509Certificate expired = pki.credential(CredentialKind.EXPIRED).leaf();
        assertThatThrownBy(expired::checkValidity).isInstanceOf(CertificateExpiredException.class);
        X509Certificate future = pki.credential(CredentialKind.NOT_YET_VALID).leaf();
        assertThatThrownBy(future::checkValidity).isInstanceOf(CertificateNotYetValidException.class);
        assertThat(dnsNames(expired)).containsExactly(LabPki.HOST);
        assertThat(dnsNames(future)).containsExactly(LabPki.HOST);
        assertThatThrownBy(() -> validate(pki.credential(CredentialKind.EXPIRED).chain()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void wrongNameLeafIsTrustedButForAnotherHost() throws Exception {
        Credential wrong = pki.credential(CredentialKind.WRONG_NAME);
        validate(wrong.chain());
        assertThat(dnsNames(wrong.leaf())).containsExactly(LabPki.WRONG_NAME);
    }

    @Test
    void selfSignedLeafIsItsOwnIssuer() throws Exception {
        Credential self = pki.credential(CredentialKind.SELF_SIGNED);
        assertThat(self.chain()).hasSize(1);
        X509Certificate leaf = self.leaf();
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(leaf.getSubjectX500Principal());
        leaf.verify(leaf.getPublicKey());
        assertThatThrownBy(() -> validate(self.chain())).isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void leafOnlyLacksTheIntermediate() {
        Credential leafOnly = pki.credential(CredentialKind.LEAF_ONLY);
        assertThat(leafOnly.chain()).containsExactly(pki.credential(CredentialKind.GOOD).leaf());
        assertThat(leafOnly.leaf().getIssuerX500Principal()).isEqualTo(pki.intermediate().getSubjectX500Principal());
        assertThatThrownBy(() -> validate(leafOnly.chain())).isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void hugeChainIsALinkedChainOfSixtyIntermediatesOverOneHundredKilobytes() throws Exception {
        Credential huge = pki.credential(CredentialKind.HUGE_CHAIN);
        assertThat(huge.chain()).hasSize(LabPki.HUGE_CHAIN_INTERMEDIATES + 1);
        assertThat(huge.encodedSize()).isGreaterThan(100 * 1024);
        List<X509Certificate> chain = huge.chain();
        for (int i = 0; i + 1 < chain.size(); i++) {
            chain.get(i).verify(chain.get(i + 1).getPublicKey());
            assertThat(chain.get(i).getIssuerX500Principal()).isEqualTo(chain.get(i + 1).getSubjectX500Principal());
        }
        chain.getLast().verify(pki.root().getPublicKey());
    }

    @Test
    void rootPemRoundTripsThroughTheJdkCertificateFactory(@TempDir Path dir) throws Exception {
        Path file = pki.writeRootPem(dir.resolve("sub/ca.pem"));
        List<java.security.cert.Certificate> read = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))));
        assertThat(read).containsExactly(pki.root());
    }

    @Test
    void twoLabsGetDifferentRoots() {
        assertThat(LabPki.create().root()).isNotEqualTo(pki.root());
    }

    @Test
    void makingAPkiIsFast() {
        long start = System.nanoTime();
        LabPki.create();
        long millis = (System.nanoTime() - start) / 1_000_000;
        // The target is well under 1 s; the bound is looser because two cores are shared with other builds.
        assertThat(millis).as("PKI creation in ms").isLessThan(2_000);
    }

    private static List<String> dnsNames(X509Certificate certificate) throws Exception {
        return certificate.getSubjectAlternativeNames().stream()
                .filter(entry -> (Integer) entry.get(0) == 2)
                .map(entry -> (String) entry.get(1))
                .toList();
    }

    private static void validate(List<X509Certificate> chain) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        var params = new PKIXParameters(Set.of(new TrustAnchor(pki.root(), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(chain), params);
    }
}
