package io.mailtls.testsupport;

import static io.mailtls.testsupport.StandardListeners.EXPIRED;
import static io.mailtls.testsupport.StandardListeners.GOOD;
import static io.mailtls.testsupport.StandardListeners.GOOD_EC;
import static io.mailtls.testsupport.StandardListeners.MISSING_INTERMEDIATE;
import static io.mailtls.testsupport.StandardListeners.NOT_YET_VALID;
import static io.mailtls.testsupport.StandardListeners.RESTRICTED_CIPHERS;
import static io.mailtls.testsupport.StandardListeners.SELF_SIGNED;
import static io.mailtls.testsupport.StandardListeners.TLS10_ONLY;
import static io.mailtls.testsupport.StandardListeners.TLS12_ONLY;
import static io.mailtls.testsupport.StandardListeners.TLS13_ONLY;
import static io.mailtls.testsupport.StandardListeners.WRONG_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Date;

import io.mailtls.testsupport.OpenSslClient.Handshake;
import io.mailtls.testsupport.TestPki.KeyAlgorithm;
import io.mailtls.testsupport.TestPki.Kind;
import org.assertj.core.api.ObjectAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves each TLS listener of the shared Postfix serves what it claims, as seen by the real openssl s_client. */
@WithPostfix
class PostfixTlsSmokeTest {
    private static PostfixServer postfix;

    @BeforeAll
    static void shared(PostfixServer server) {
        postfix = server;
    }

    @Test
    void goodVerifiesAgainstTheRootWithTheIntermediateServed() {
        Handshake h = handshake(GOOD, "-CAfile", ca(), "-verify_hostname", TestPki.DEFAULT_HOST,
                "-verify_return_error");

        check(h).satisfies(x -> {
            assertThat(x.completed()).isTrue();
            assertThat(x.protocol()).isEqualTo("TLSv1.3");
            assertThat(x.verifyCode()).hasValue(0);
            assertThat(x.servedChain()).containsExactlyElementsOf(postfix.pki().leaf(Kind.GOOD).servedChain());
        });
    }

    @Test
    void goodAlsoSpeaksTls12ButNotTls11() {
        check(handshake(GOOD, "-tls1_2")).satisfies(x -> assertThat(x.protocol()).isEqualTo("TLSv1.2"));
        check(handshake(GOOD, "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"))
                .satisfies(x -> assertThat(x.completed()).isFalse());
    }

    @Test
    void goodEcServesTheEcCertificate() {
        Handshake h = handshake(GOOD_EC, "-CAfile", ca(), "-verify_return_error");

        check(h).satisfies(x -> {
            assertThat(x.completed()).isTrue();
            assertThat(x.leaf()).isEqualTo(postfix.pki().leaf(Kind.GOOD, KeyAlgorithm.EC).certificate());
            assertThat(x.leaf().getPublicKey()).isInstanceOf(ECPublicKey.class);
        });
    }

    @Test
    void expiredIsServedAndFailsVerificationForItsDate() {
        Handshake h = handshake(EXPIRED, "-CAfile", ca());

        check(h).satisfies(x -> {
            assertThat(x.completed()).isTrue();
            assertThat(x.leaf()).isEqualTo(postfix.pki().leaf(Kind.EXPIRED).certificate());
            assertThat(x.leaf().getNotAfter()).isBefore(Date.from(Instant.now()));
            assertThat(x.verifyCode()).hasValue(10);
        });
    }

    @Test
    void notYetValidIsServedAndFailsVerificationForItsDate() {
        check(handshake(NOT_YET_VALID, "-CAfile", ca())).satisfies(x -> {
            assertThat(x.leaf()).isEqualTo(postfix.pki().leaf(Kind.NOT_YET_VALID).certificate());
            assertThat(x.verifyCode()).hasValue(9);
        });
    }

    @Test
    void wrongNameChainsToTheRootButMismatchesTheHost() {
        check(handshake(WRONG_NAME, "-CAfile", ca())).satisfies(x -> assertThat(x.verifyCode()).hasValue(0));
        check(handshake(WRONG_NAME, "-CAfile", ca(), "-verify_hostname", TestPki.DEFAULT_HOST)).satisfies(x -> {
            assertThat(x.completed()).isTrue();
            assertThat(x.leaf()).isEqualTo(postfix.pki().leaf(Kind.WRONG_NAME).certificate());
            assertThat(x.verifyCode()).hasValue(62);
        });
    }

    @Test
    void selfSignedIsServedAndUntrusted() {
        check(handshake(SELF_SIGNED, "-CAfile", ca())).satisfies(x -> {
            assertThat(x.completed()).isTrue();
            assertThat(x.servedChain()).containsExactly(postfix.pki().leaf(Kind.SELF_SIGNED).certificate());
            assertThat(x.verifyCode()).hasValue(18);
        });
    }

    @Test
    void missingIntermediateServesTheLeafAloneSoVerificationCannotChain() {
        check(handshake(MISSING_INTERMEDIATE, "-CAfile", ca())).satisfies(x -> {
            assertThat(x.servedChain()).containsExactly(postfix.pki().leaf(Kind.MISSING_INTERMEDIATE).certificate());
            // 21: "unable to verify the first certificate", the leaf's issuer is neither served nor trusted.
            assertThat(x.verifyCode()).hasValue(21);
        });
    }

    @Test
    void tls12OnlyRefusesTls13() {
        check(handshake(TLS12_ONLY, "-tls1_3")).satisfies(x -> assertThat(x.completed()).isFalse());
        check(handshake(TLS12_ONLY)).satisfies(x -> assertThat(x.protocol()).isEqualTo("TLSv1.2"));
    }

    @Test
    void tls13OnlyRefusesTls12() {
        check(handshake(TLS13_ONLY, "-tls1_2")).satisfies(x -> assertThat(x.completed()).isFalse());
        check(handshake(TLS13_ONLY)).satisfies(x -> assertThat(x.protocol()).isEqualTo("TLSv1.3"));
    }

    @Test
    void tls10OnlySpeaksTls10AtSecurityLevelZeroAndNothingNewer() {
        check(handshake(TLS10_ONLY, "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"))
                .satisfies(x -> assertThat(x.protocol()).isEqualTo("TLSv1.0"));
        check(handshake(TLS10_ONLY, "-tls1_2")).satisfies(x -> assertThat(x.completed()).isFalse());
        check(handshake(TLS10_ONLY)).satisfies(x -> assertThat(x.completed()).isFalse());
    }

    @Test
    void restrictedCiphersPicksItsOwnFirstChoiceOverTheClients() {
        String clientOrder = "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256";

        // The same client order: the good listener honours it, the restricted one imposes its own.
        check(handshake(GOOD, "-tls1_2", "-cipher", clientOrder))
                .satisfies(x -> assertThat(x.cipher()).isEqualTo("ECDHE-RSA-AES256-GCM-SHA384"));
        check(handshake(RESTRICTED_CIPHERS, "-tls1_2", "-cipher", clientOrder))
                .satisfies(x -> assertThat(x.cipher()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256"));
    }

    @Test
    void restrictedCiphersRefusesSuitesOutsideItsList() {
        check(handshake(GOOD, "-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305"))
                .satisfies(x -> assertThat(x.completed()).isTrue());
        check(handshake(RESTRICTED_CIPHERS, "-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305"))
                .satisfies(x -> assertThat(x.completed()).isFalse());
    }

    private static Handshake handshake(String listener, String... extra) {
        return OpenSslClient.starttls(postfix.listener(listener), TestPki.DEFAULT_HOST, extra);
    }

    private static String ca() {
        return postfix.caFile().toString();
    }

    /** Every assertion on a handshake shows the s_client transcript and Postfix's log when it fails. */
    private static ObjectAssert<Handshake> check(Handshake h) {
        return assertThat(h).as(() -> "\n" + h.run().describe() + "\n--- Postfix log ---\n" + postfix.logTail());
    }
}
