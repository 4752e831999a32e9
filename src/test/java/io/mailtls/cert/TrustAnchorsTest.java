package io.mailtls.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorsTest {
    private static final TestPki.Issued ROOT = TestPki.root("Anchor Root");
    private static final TestPki.Issued INTER = TestPki.intermediate("Anchor Intermediate", ROOT);

    @TempDir
    Path dir;

    @Test
    void withoutCaFileHoldsTheJdkDefaultsOnly() {
        TrustAnchors anchors = TrustAnchors.load(null);

        assertThat(anchors.includesJdkDefaults()).isTrue();
        assertThat(anchors.anchors()).hasSizeGreaterThan(10).doesNotContain(ROOT.cert());
        assertThat(anchors.intermediates()).isEmpty();
        assertThat(anchors.describe()).startsWith("the JDK's trust store (").doesNotContain("\n");
    }

    @Test
    void caFileRootsBecomeAnchorsAndOtherCertificatesKnownIntermediates() throws Exception {
        Path file = write("ca.pem", "# a comment openssl writes\n" + TestPki.pem(INTER.cert(), ROOT.cert()));

        TrustAnchors anchors = TrustAnchors.load(file);

        assertThat(anchors.anchors()).contains(ROOT.cert()).doesNotContain(INTER.cert());
        assertThat(anchors.anchors().size()).isGreaterThan(TrustAnchors.load(null).anchors().size());
        assertThat(anchors.intermediates()).containsExactly(INTER.cert());
        assertThat(anchors.anchorFor(ROOT.cert())).isEqualTo(ROOT.cert());
        assertThat(anchors.issuingAnchorOf(INTER.cert())).isEqualTo(ROOT.cert());
        assertThat(anchors.describe()).contains(file.toString()).contains("(1 root, 1 intermediate)");
    }

    @Test
    void aChainValidatesAgainstTheJdkStorePlusTheCaFile() throws Exception {
        Path file = write("root.pem", TestPki.pem(ROOT.cert()));
        X509Certificate leaf = TestPki.leaf("mx.lab.test", INTER).cert();

        ChainValidation withFile = ChainValidator.validate(List.of(leaf, INTER.cert()), TrustAnchors.load(file), TestPki.NOW);
        ChainValidation without = ChainValidator.validate(List.of(leaf, INTER.cert()), TrustAnchors.load(null), TestPki.NOW);

        assertThat(withFile.reason()).isEqualTo(ChainReason.TRUSTED);
        assertThat(without.reason()).isEqualTo(ChainReason.INCOMPLETE_CHAIN);
    }

    @Test
    void ofGivenCertificatesLeavesTheJdkOut() {
        TrustAnchors anchors = TrustAnchors.of(List.of(ROOT.cert(), INTER.cert()));

        assertThat(anchors.includesJdkDefaults()).isFalse();
        assertThat(anchors.anchors()).containsExactly(ROOT.cert());
        assertThat(anchors.intermediates()).containsExactly(INTER.cert());
    }

    @Test
    void aCopyOfARootWithTheSameNameAndKeyStandsForTheAnchor() {
        TestPki.Issued older = TestPki.root("Older Root");
        TestPki.Issued crossSigned = TestPki.cert(ROOT.subject()).key(ROOT.keys()).ca().issuer(older).build();
        TestPki.Issued sameNameOtherKey = TestPki.root("Anchor Root");
        TrustAnchors anchors = TrustAnchors.of(List.of(ROOT.cert()));

        assertThat(anchors.anchorFor(crossSigned.cert())).isEqualTo(ROOT.cert());
        assertThat(anchors.anchorFor(sameNameOtherKey.cert())).isNull();
    }

    @Test
    void missingFileIsOneClearLine() {
        Path missing = dir.resolve("nope.pem");
        assertBadCaFile(() -> TrustAnchors.load(missing), "--ca-file " + missing + ": no such file");
    }

    @Test
    void directoryIsRefused() {
        assertBadCaFile(() -> TrustAnchors.load(dir), "--ca-file " + dir + ": not a regular file");
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        Path empty = write("empty.pem", "\n  \n");
        assertBadCaFile(() -> TrustAnchors.load(empty), ": the file is empty");
    }

    @Test
    void nonPemFilesAreRefused() throws Exception {
        Path text = write("text.pem", "hello, I am not a certificate\n");
        assertBadCaFile(() -> TrustAnchors.load(text), ": not a PEM file (expected blocks starting '-----BEGIN CERTIFICATE-----')");

        Path der = dir.resolve("root.der");
        Files.write(der, ROOT.cert().getEncoded());
        assertBadCaFile(() -> TrustAnchors.load(der), ": not a PEM file");

        Path key = write("key.pem", "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n");
        assertBadCaFile(() -> TrustAnchors.load(key), ": holds no certificate, only 'PRIVATE KEY'");
    }

    @Test
    void brokenCertificateBlocksNameTheCertificateAndLine() throws Exception {
        String good = TestPki.pem(ROOT.cert());
        Path broken = write("broken.pem", good + "\n-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
        long lineOfSecond = good.lines().count() + 2;
        assertBadCaFile(() -> TrustAnchors.load(broken),
                ": certificate 2 (line " + lineOfSecond + ") is not a valid X.509 certificate");

        Path badBase64 = write("b64.pem", "-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n");
        assertBadCaFile(() -> TrustAnchors.load(badBase64), ": certificate 1 (line 1) is not a valid X.509 certificate");

        Path unterminated = write("open.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n");
        assertBadCaFile(() -> TrustAnchors.load(unterminated), ": certificate 1 (line 1) has no '-----END CERTIFICATE-----' line");
    }

    @Test
    void unreadableFileIsRefused() throws Exception {
        Path locked = write("locked.pem", TestPki.pem(ROOT.cert()));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(locked)).as("running as root: permissions do not apply").isFalse();
        assertBadCaFile(() -> TrustAnchors.load(locked), ": permission denied");
    }

    @Test
    void controlCharactersInThePathCannotBreakTheLine() {
        Path odd = dir.resolve("evil\nname.pem");
        assertBadCaFile(() -> TrustAnchors.load(odd), "evil?name.pem: no such file");
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static void assertBadCaFile(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOf(BadCaFileException.class)
                .hasMessageStartingWith("--ca-file ")
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }
}
