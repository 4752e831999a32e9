package io.mailtls.testsupport;

import java.time.Duration;
import java.util.List;

import io.mailtls.testsupport.TestPki.KeyAlgorithm;
import io.mailtls.testsupport.TestPki.Kind;

/**
 * The listeners the shared Postfix serves, one per behaviour an integration test checks. Names follow the
 * contract's lab scenario names where the behaviour is the same.
 */
public final class StandardListeners {
    /** RSA chain via the intermediate, TLS 1.2 and 1.3, Postfix's default ciphers. */
    public static final String GOOD = "good";
    /** As {@link #GOOD} with an EC P-256 certificate. */
    public static final String GOOD_EC = "good-ec";
    /** {@code smtpd_tls_security_level = none}: EHLO does not offer STARTTLS. */
    public static final String NO_STARTTLS = "no-starttls";
    public static final String EXPIRED = "expired";
    public static final String NOT_YET_VALID = "not-yet-valid";
    /** Served certificate names {@link TestPki#WRONG_HOST}. */
    public static final String WRONG_NAME = "wrong-name";
    public static final String SELF_SIGNED = "self-signed";
    /** The chain file lacks the intermediate. */
    public static final String MISSING_INTERMEDIATE = "missing-intermediate";
    public static final String TLS12_ONLY = "tls12-only";
    public static final String TLS13_ONLY = "tls13-only";
    /** TLS 1.0 only, with {@code @SECLEVEL=0} because Debian's OpenSSL 3 refuses TLS 1.0 otherwise. */
    public static final String TLS10_ONLY = "tls10-only";
    /** TLS 1.2 suites limited to {@link #RESTRICTED_CIPHER_LIST}, in server order; TLS 1.3 left at defaults. */
    public static final String RESTRICTED_CIPHERS = "restricted-ciphers";
    /** {@code smtpd_tls_security_level = encrypt}: MAIL FROM before STARTTLS gets 530. */
    public static final String TLS_REQUIRED = "tls-required";
    /** The 220 greeting comes after {@link #SLOW_GREETING_DELAY}. */
    public static final String SLOW_GREETING = "slow-greeting";
    /** AUTH PLAIN LOGIN offered before STARTTLS. */
    public static final String AUTH_BEFORE_TLS = "auth-before-tls";

    /** Longer than the contract's 5 s GREETING_SLOW threshold. */
    public static final Duration SLOW_GREETING_DELAY = Duration.ofSeconds(6);
    /**
     * AES128 first on purpose: OpenSSL clients prefer AES256, so a handshake that picks AES128 proves the server's
     * order won.
     */
    public static final String RESTRICTED_CIPHER_LIST = "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384";
    static final String MODERN = ">=TLSv1.2";

    private StandardListeners() {
    }

    /** Every standard listener, its certificates issued from pki. */
    public static List<Listener> all(TestPki pki) {
        var good = pki.leaf(Kind.GOOD).chainFile();
        return List.of(
                Listener.named(GOOD).tls(good).protocols(MODERN),
                Listener.named(GOOD_EC).tls(pki.leaf(Kind.GOOD, KeyAlgorithm.EC).chainFile()).protocols(MODERN),
                Listener.named(NO_STARTTLS).securityLevel("none"),
                Listener.named(EXPIRED).tls(pki.leaf(Kind.EXPIRED).chainFile()).protocols(MODERN),
                Listener.named(NOT_YET_VALID).tls(pki.leaf(Kind.NOT_YET_VALID).chainFile()).protocols(MODERN),
                Listener.named(WRONG_NAME).tls(pki.leaf(Kind.WRONG_NAME).chainFile()).protocols(MODERN),
                Listener.named(SELF_SIGNED).tls(pki.leaf(Kind.SELF_SIGNED).chainFile()).protocols(MODERN),
                Listener.named(MISSING_INTERMEDIATE).tls(pki.leaf(Kind.MISSING_INTERMEDIATE).chainFile())
                        .protocols(MODERN),
                Listener.named(TLS12_ONLY).tls(good).protocols(">=TLSv1.2, <=TLSv1.2"),
                Listener.named(TLS13_ONLY).tls(good).protocols(">=TLSv1.3"),
                Listener.named(TLS10_ONLY).tls(good).protocols(">=TLSv1, <=TLSv1").ciphers("DEFAULT:@SECLEVEL=0"),
                Listener.named(RESTRICTED_CIPHERS).tls(good).protocols(MODERN)
                        .ciphers(RESTRICTED_CIPHER_LIST).serverPreference(),
                Listener.named(TLS_REQUIRED).securityLevel("encrypt").tls(good).protocols(MODERN),
                Listener.named(SLOW_GREETING).tls(good).protocols(MODERN).greetingDelay(SLOW_GREETING_DELAY),
                Listener.named(AUTH_BEFORE_TLS).tls(good).protocols(MODERN).authBeforeTls());
    }
}
