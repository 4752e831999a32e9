package io.mailtls.cert;

import static io.mailtls.cert.TestPki.NOW;
import static io.mailtls.cert.TestPki.cert;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

class ChainValidatorTest {
    private static final TestPki.Issued ROOT = TestPki.root("Lab Root");
    private static final TestPki.Issued INTER = TestPki.intermediate("Lab Intermediate", ROOT);
    private static final TestPki.Issued LEAF = TestPki.leaf("mx.lab.test", INTER);
    private static final TrustAnchors ANCHORS = TrustAnchors.of(List.of(ROOT.cert()));

    private static ChainValidation validate(X509Certificate... chain) {
        return ChainValidator.validate(List.of(chain), ANCHORS, NOW);
    }

    @Test
    void aCompleteChainReachesTheAnchor() {
        ChainValidation v = validate(LEAF.cert(), INTER.cert());

        assertThat(v.trusted()).isTrue();
        assertThat(v.reason()).isEqualTo(ChainReason.TRUSTED);
        assertThat(v.path()).containsExactly(0, 1);
        assertThat(v.anchor()).isEqualTo(ROOT.subject());
        assertThat(v.failingIndex()).isEqualTo(-1);
        assertThat(v.issues()).isEmpty();
        assertThat(v.sentCount()).isEqualTo(2);
        assertThat(v.detail()).contains("'CN=mx.lab.test'", "'CN=Lab Root,O=mailtls test'");
    }

    @Test
    void aSentCopyOfTheRootIsAllowedAndLeftOutOfThePath() {
        ChainValidation v = validate(LEAF.cert(), INTER.cert(), ROOT.cert());

        assertThat(v.reason()).isEqualTo(ChainReason.TRUSTED);
        assertThat(v.path()).containsExactly(0, 1);
        assertThat(v.issues()).isEmpty();
    }

    @Test
    void aCrossSignedCopyOfTheAnchorCounts() {
        // Like ISRG Root X1 cross-signed by an expired root: same name and key as the anchor.
        TestPki.Issued oldRoot = TestPki.root("Old Root");
        TestPki.Issued cross = cert(ROOT.subject()).key(ROOT.keys()).ca().issuer(oldRoot)
                .validity(NOW.minus(Duration.ofDays(900)), NOW.minus(Duration.ofDays(30))).build();

        ChainValidation v = validate(LEAF.cert(), INTER.cert(), cross.cert());

        assertThat(v.reason()).isEqualTo(ChainReason.TRUSTED);
        assertThat(v.path()).containsExactly(0, 1);
    }

    @Test
    void anExpiredLeafIsNamedWithItsDate() {
        Instant end = NOW.minus(Duration.ofDays(3));
        X509Certificate expired = cert("CN=mx.lab.test").dns("mx.lab.test").issuer(INTER)
                .validity(NOW.minus(Duration.ofDays(90)), end).build().cert();

        ChainValidation v = validate(expired, INTER.cert());

        assertThat(v.trusted()).isFalse();
        assertThat(v.reason()).isEqualTo(ChainReason.EXPIRED);
        assertThat(v.failingIndex()).isZero();
        assertThat(v.detail()).isEqualTo("the leaf 'CN=mx.lab.test' expired at " + end + " (checked at " + NOW + ")");
    }

    @Test
    void anExpiredIntermediateIsNamed() {
        TestPki.Issued oldInter = cert("CN=Old Intermediate").ca().issuer(ROOT)
                .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1))).build();
        X509Certificate leaf = TestPki.leaf("mx.lab.test", oldInter).cert();

        ChainValidation v = validate(leaf, oldInter.cert());

        assertThat(v.reason()).isEqualTo(ChainReason.EXPIRED);
        assertThat(v.failingIndex()).isEqualTo(1);
        assertThat(v.detail()).startsWith("certificate 1 'CN=Old Intermediate' expired at ");
    }

    @Test
    void aNotYetValidLeafIsNamed() {
        Instant start = NOW.plus(Duration.ofDays(2));
        X509Certificate future = cert("CN=mx.lab.test").issuer(INTER).validity(start, start.plus(Duration.ofDays(90)))
                .build().cert();

        ChainValidation v = validate(future, INTER.cert());

        assertThat(v.reason()).isEqualTo(ChainReason.NOT_YET_VALID);
        assertThat(v.failingIndex()).isZero();
        assertThat(v.detail()).contains("is valid only from " + start);
    }

    @Test
    void aLoneSelfSignedLeafIsSelfSigned() {
        X509Certificate self = cert("CN=mx.lab.test").dns("mx.lab.test").build().cert();

        ChainValidation v = validate(self);

        assertThat(v.reason()).isEqualTo(ChainReason.SELF_SIGNED);
        assertThat(v.failingIndex()).isZero();
        assertThat(v.path()).containsExactly(0);
        assertThat(v.detail()).contains("'CN=mx.lab.test' is self-signed");
    }

    @Test
    void aSelfSignedLeafPinnedInTheCaFileIsTrusted() {
        X509Certificate self = cert("CN=mx.lab.test").build().cert();

        ChainValidation v = ChainValidator.validate(List.of(self), TrustAnchors.of(List.of(self)), NOW);

        assertThat(v.reason()).isEqualTo(ChainReason.TRUSTED);
        assertThat(v.path()).containsExactly(0);
    }

    @Test
    void aChainEndingAtAnotherRootIsUntrustedRoot() {
        TestPki.Issued privateRoot = TestPki.root("Private Root");
        TestPki.Issued privateInter = TestPki.intermediate("Private Intermediate", privateRoot);
        X509Certificate leaf = TestPki.leaf("mx.lab.test", privateInter).cert();

        ChainValidation v = validate(leaf, privateInter.cert(), privateRoot.cert());

        assertThat(v.reason()).isEqualTo(ChainReason.UNTRUSTED_ROOT);
        assertThat(v.failingIndex()).isEqualTo(2);
        assertThat(v.path()).containsExactly(0, 1, 2);
        assertThat(v.detail()).contains("ends at the root 'CN=Private Root,O=mailtls test'");
    }

    @Test
    void aMissingIntermediateIsIncompleteAndNamesTheMissingIssuer() {
        ChainValidation v = validate(LEAF.cert());

        assertThat(v.reason()).isEqualTo(ChainReason.INCOMPLETE_CHAIN);
        assertThat(v.missingIssuer()).isEqualTo(INTER.subject());
        assertThat(v.completedBy()).isEmpty();
        assertThat(v.completionReachesAnchor()).isFalse();
        assertThat(v.anchor()).isNull();
        assertThat(v.failingIndex()).isZero();
        assertThat(v.detail()).contains("issued by '" + INTER.subject() + "'", "no known intermediate completes it");
    }

    @Test
    void aKnownIntermediateFromTheCaFileCompletesTheChainToTheAnchor() {
        TrustAnchors withIntermediate = TrustAnchors.of(List.of(ROOT.cert(), INTER.cert()));

        ChainValidation v = ChainValidator.validate(List.of(LEAF.cert()), withIntermediate, NOW);

        assertThat(v.reason()).isEqualTo(ChainReason.INCOMPLETE_CHAIN);
        assertThat(v.completedBy()).containsExactly(INTER.subject());
        assertThat(v.completionReachesAnchor()).isTrue();
        assertThat(v.anchor()).isEqualTo(ROOT.subject());
        assertThat(v.detail()).contains("completes it to the trust anchor '" + ROOT.subject() + "'");
    }

    @Test
    void aKnownIntermediateThatStillReachesNoAnchorIsSaidSo() {
        TrustAnchors intermediateOnly = TrustAnchors.of(List.of(INTER.cert()));

        ChainValidation v = ChainValidator.validate(List.of(LEAF.cert()), intermediateOnly, NOW);

        assertThat(v.reason()).isEqualTo(ChainReason.INCOMPLETE_CHAIN);
        assertThat(v.completedBy()).containsExactly(INTER.subject());
        assertThat(v.completionReachesAnchor()).isFalse();
        assertThat(v.detail()).contains("still reaches no trust anchor (next issuer '" + ROOT.subject() + "')");
    }

    @Test
    void aStaleIntermediateWithTheRightNameButAnotherKeyIsABadSignature() {
        TestPki.Issued reKeyed = cert(INTER.subject()).ca().issuer(ROOT).build(); // same name, new key

        ChainValidation v = validate(LEAF.cert(), reKeyed.cert());

        assertThat(v.reason()).isEqualTo(ChainReason.BAD_SIGNATURE);
        assertThat(v.failingIndex()).isZero();
        assertThat(v.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(ChainIssue.Kind.UNRELATED);
            assertThat(issue.position()).isEqualTo(1);
            assertThat(issue.detail()).contains("its key did not sign");
        });
    }

    @Test
    void outOfOrderChainsAreTrustedButReported() {
        TestPki.Issued inter2 = TestPki.intermediate("Lab Intermediate 2", INTER);
        X509Certificate leaf = TestPki.leaf("mx.lab.test", inter2).cert();

        ChainValidation v = validate(leaf, INTER.cert(), inter2.cert());

        assertThat(v.reason()).isEqualTo(ChainReason.TRUSTED);
        assertThat(v.path()).containsExactly(0, 2, 1);
        assertThat(v.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(ChainIssue.Kind.OUT_OF_ORDER);
            assertThat(issue.detail()).contains("[0, 2, 1]");
        });
    }

    @Test
    void unrelatedAndDuplicateCertificatesAreReported() {
        X509Certificate stranger = TestPki.leaf("other.lab.test", TestPki.root("Stranger Root")).cert();

        ChainValidation v = validate(LEAF.cert(), INTER.cert(), stranger, INTER.cert());

        assertThat(v.reason()).isEqualTo(ChainReason.TRUSTED);
        assertThat(v.issues()).extracting(ChainIssue::kind, ChainIssue::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChainIssue.Kind.UNRELATED, 2),
                        org.assertj.core.groups.Tuple.tuple(ChainIssue.Kind.DUPLICATE, 3));
        assertThat(v.has(ChainIssue.Kind.OUT_OF_ORDER)).isFalse();
    }

    @Test
    void anMd5SignatureIsDisallowedByTheJdk() {
        TestPki.Issued rsaRoot = cert("CN=RSA Root").key(TestPki.rsa2048()).ca().build();
        X509Certificate md5 = cert("CN=mx.lab.test").issuer(rsaRoot).signature("MD5withRSA").build().cert();

        ChainValidation v = ChainValidator.validate(List.of(md5), TrustAnchors.of(List.of(rsaRoot.cert())), NOW);

        assertThat(v.reason()).isEqualTo(ChainReason.DISALLOWED_ALGORITHM);
        assertThat(v.failingIndex()).isZero();
        assertThat(v.detail()).contains("ALGORITHM_CONSTRAINED");
    }

    @Test
    void sha1AndRsa1024AreWeakButStillValidate() {
        TestPki.Issued rsaRoot = cert("CN=RSA Root").key(TestPki.rsa2048()).ca().build();
        X509Certificate sha1 = cert("CN=mx.lab.test").key(TestPki.rsa(1024)).issuer(rsaRoot).signature("SHA1withRSA")
                .build().cert();

        ChainValidation v = ChainValidator.validate(List.of(sha1), TrustAnchors.of(List.of(rsaRoot.cert())), NOW);

        assertThat(v.reason()).isEqualTo(ChainReason.TRUSTED);
    }

    @Test
    void aTinyRsaKeyIsDisallowed() {
        X509Certificate weak = cert("CN=mx.lab.test").key(TestPki.rsa(512)).issuer(INTER).build().cert();

        assertThat(validate(weak, INTER.cert()).reason()).isEqualTo(ChainReason.DISALLOWED_ALGORITHM);
    }

    @Test
    void anIntermediateThatIsNotACaFailsPkix() {
        TestPki.Issued notCa = cert("CN=Not A CA").issuer(ROOT).build(); // no basicConstraints
        X509Certificate leaf = TestPki.leaf("mx.lab.test", notCa).cert();

        ChainValidation v = validate(leaf, notCa.cert());

        assertThat(v.reason()).isEqualTo(ChainReason.OTHER);
        assertThat(v.failingIndex()).isEqualTo(1);
        assertThat(v.detail()).contains("NOT_CA_CERT").contains("'CN=Not A CA'");
    }

    @Test
    void aLeafForClientsOnlyIsTheWrongUsage() {
        X509Certificate clientOnly = cert("CN=mx.lab.test").usages(KeyPurposeId.id_kp_clientAuth).issuer(INTER).build().cert();

        ChainValidation v = validate(clientOnly, INTER.cert());

        assertThat(v.reason()).isEqualTo(ChainReason.WRONG_USAGE);
        assertThat(v.detail()).contains("serverAuth");
    }

    @Test
    void noCertificateAtAll() {
        assertThat(validate().reason()).isEqualTo(ChainReason.NO_CERTIFICATE);
        assertThat(ChainValidator.validate(null, ANCHORS, NOW).reason()).isEqualTo(ChainReason.NO_CERTIFICATE);
    }

    @Test
    void twentyCertificatesAreProcessedAndTwentyOneRefused() {
        List<X509Certificate> twenty = chainOfLength(20);
        ChainValidation ok = ChainValidator.validate(twenty, ANCHORS, NOW);
        assertThat(ok.reason()).isEqualTo(ChainReason.TRUSTED);
        assertThat(ok.path()).hasSize(20);

        List<X509Certificate> tooMany = new ArrayList<>(twenty);
        tooMany.add(INTER.cert());
        ChainValidation refused = ChainValidator.validate(tooMany, ANCHORS, NOW);
        assertThat(refused.reason()).isEqualTo(ChainReason.CHAIN_TOO_LONG);
        assertThat(refused.sentCount()).isEqualTo(21);
        assertThat(refused.path()).isEmpty();
        assertThat(refused.issues()).extracting(ChainIssue::kind).containsExactly(ChainIssue.Kind.TOO_LONG);
    }

    /** A leaf and {@code length - 1} intermediates under ROOT, leaf first. */
    static List<X509Certificate> chainOfLength(int length) {
        List<TestPki.Issued> cas = new ArrayList<>();
        TestPki.Issued issuer = ROOT;
        for (int i = 1; i < length; i++) {
            issuer = TestPki.intermediate("Deep " + i, issuer);
            cas.add(0, issuer);
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(TestPki.leaf("mx.lab.test", issuer).cert());
        cas.forEach(ca -> chain.add(ca.cert()));
        return chain;
    }
}
