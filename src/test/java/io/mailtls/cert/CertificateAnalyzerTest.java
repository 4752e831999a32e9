package io.mailtls.cert;

import static io.mailtls.cert.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateAnalyzerTest {
    private static final TestPki.Issued ROOT = TestPki.root("Analyzer Root");
    private static final TestPki.Issued INTER = TestPki.intermediate("Analyzer Intermediate", ROOT);
    private static final TestPki.Issued LEAF = TestPki.leaf("mx.lab.test", INTER);
    private static final TrustAnchors ANCHORS = TrustAnchors.of(List.of(ROOT.cert()));

    @Test
    void aGoodChainIsTrustedAndMatchesItsName() {
        CertificateFacts facts = CertificateAnalyzer.analyze(List.of(LEAF.cert(), INTER.cert()), "MX.lab.test.", ANCHORS, NOW);

        assertThat(facts.trusted()).isTrue();
        assertThat(facts.nameMatches()).isTrue();
        assertThat(facts.matchedBy()).isEqualTo("DNS:mx.lab.test");
        assertThat(facts.expectedName()).isEqualTo("MX.lab.test.");
        assertThat(facts.now()).isEqualTo(NOW);
        assertThat(facts.chain()).extracting(CertificateInfo::subject)
                .containsExactly("CN=mx.lab.test", INTER.subject());
        assertThat(facts.leaf().san()).containsExactly("mx.lab.test");
        assertThat(facts.pathCertificates()).hasSize(2);
        assertThat(facts.validation().reason()).isEqualTo(ChainReason.TRUSTED);
    }

    @Test
    void aWrongNameIsAFactApartFromTrust() {
        CertificateFacts facts = CertificateAnalyzer.analyze(List.of(LEAF.cert(), INTER.cert()), "mail.other.test", ANCHORS, NOW);

        assertThat(facts.trusted()).isTrue();
        assertThat(facts.nameMatches()).isFalse();
        assertThat(facts.matchedBy()).isNull();
    }

    @Test
    void withoutExpectedNameNothingMatches() {
        CertificateFacts facts = CertificateAnalyzer.analyze(List.of(LEAF.cert()), null, ANCHORS, NOW);

        assertThat(facts.nameMatches()).isFalse();
        assertThat(facts.nameNote()).isEqualTo("no expected name");
        assertThat(facts.validation().reason()).isEqualTo(ChainReason.INCOMPLETE_CHAIN);
    }

    @Test
    void noCertificateGivesEmptyFacts() {
        CertificateFacts facts = CertificateAnalyzer.analyze(null, "mx.lab.test", ANCHORS, NOW);

        assertThat(facts.chain()).isEmpty();
        assertThat(facts.leaf()).isNull();
        assertThat(facts.trusted()).isFalse();
        assertThat(facts.nameMatches()).isFalse();
        assertThat(facts.validation().reason()).isEqualTo(ChainReason.NO_CERTIFICATE);
    }

    @Test
    void aHugeChainIsDescribedOnlyUpToTheBound() {
        List<X509Certificate> huge = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            huge.add(i == 0 ? LEAF.cert() : INTER.cert());
        }

        CertificateFacts facts = CertificateAnalyzer.analyze(huge, "mx.lab.test", ANCHORS, NOW);

        assertThat(facts.chain()).hasSize(ChainValidator.MAX_CHAIN_LENGTH);
        assertThat(facts.validation().reason()).isEqualTo(ChainReason.CHAIN_TOO_LONG);
        assertThat(facts.validation().sentCount()).isEqualTo(500);
        assertThat(facts.nameMatches()).isTrue();
    }
}
