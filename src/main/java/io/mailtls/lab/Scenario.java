package io.mailtls.lab;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.mailtls.lab.Plan.Greeting;
import io.mailtls.lab.Plan.Offer;
import io.mailtls.lab.Plan.Pace;
import io.mailtls.lab.Plan.StartTls;
import io.mailtls.lab.pki.CredentialKind;
import io.mailtls.lab.tls.TlsProfile;

/**
 * The lab's named fault scenarios, in the contract's order, each a {@link Plan} plus the client
 * failure it reproduces. Names are the user-facing contract ({@code mailtls lab --scenario NAME}).
 */
public enum Scenario {

    /** A correct server: a client that fails here is broken. */
    GOOD("good", "correct STARTTLS, TLS 1.2/1.3, trusted chain for mx.lab.test", Plan.CORRECT),

    /** Plaintext only: the client must report that mail cannot travel over TLS (STARTTLS_NOT_OFFERED). */
    NO_STARTTLS("no-starttls", "EHLO does not offer STARTTLS", Plan.CORRECT.with(Offer.NO_STARTTLS)),

    /** Offered but refused: the client must not confuse this with "not offered" (STARTTLS_REFUSED). */
    STARTTLS_REFUSED("starttls-refused", "STARTTLS offered, answered 454 4.7.0",
            Plan.CORRECT.with(StartTls.REFUSE)),

    /** A client that waits for a ServerHello on a closed socket must see the reset, not hang. */
    DROP_AFTER_STARTTLS("drop-after-starttls", "220 to STARTTLS, then the connection closes",
            Plan.CORRECT.with(StartTls.CLOSE_AFTER_READY)),

    /** The leaf's notAfter has passed: a verifying client must reject it (CERT_EXPIRED). */
    EXPIRED("expired", "leaf certificate expired 10 days ago", Plan.CORRECT.with(CredentialKind.EXPIRED)),

    /** The leaf's notBefore is in the future (CERT_NOT_YET_VALID). */
    NOT_YET_VALID("not-yet-valid", "leaf certificate valid only from 10 days ahead",
            Plan.CORRECT.with(CredentialKind.NOT_YET_VALID)),

    /** A trusted chain for another host (CERT_NAME_MISMATCH). */
    WRONG_NAME("wrong-name", "trusted certificate for other.example.net",
            Plan.CORRECT.with(CredentialKind.WRONG_NAME)),

    /** No CA behind the leaf (CERT_SELF_SIGNED). */
    SELF_SIGNED("self-signed", "self-signed certificate for mx.lab.test",
            Plan.CORRECT.with(CredentialKind.SELF_SIGNED)),

    /** The leaf without its intermediate: clients without AIA fetching fail (CERT_CHAIN_INCOMPLETE). */
    MISSING_INTERMEDIATE("missing-intermediate", "leaf sent without its intermediate CA",
            Plan.CORRECT.with(CredentialKind.LEAF_ONLY)),

    /** Only TLS 1.0/1.1: a modern client's handshake fails; a tester must still see the versions. */
    TLS10_ONLY("tls10-only", "TLS 1.0 and 1.1 only",
            Plan.CORRECT.with(TlsProfile.LEGACY_PROTOCOLS)),

    /** 3DES and static RSA only, TLS 1.2 with an RSA leaf (CIPHER_3DES, CIPHER_NO_FORWARD_SECRECY). */
    WEAK_CIPHERS("weak-ciphers", "TLS 1.2 with 3DES and static RSA key exchange only",
            Plan.CORRECT.with(CredentialKind.GOOD_RSA).with(TlsProfile.STATIC_RSA)),

    /** A greeting later than 5 s (postscreen, greet pause): impatient clients give up (GREETING_SLOW). */
    SLOW_GREETING("slow-greeting", "220 greeting after a delay (default 6 s)",
            Plan.CORRECT.with(Greeting.DELAYED)),

    /** Throttled: the client must say "try later", never "no STARTTLS" (THROTTLED). */
    THROTTLED("throttled", "421 4.7.0 greeting, then close", Plan.CORRECT.with(Greeting.THROTTLED)),

    /** Answers plaintext pipelined behind STARTTLS inside TLS, CVE-2011-0411 (STARTTLS_INJECTION). */
    STARTTLS_INJECTION("starttls-injection", "answers commands pipelined with STARTTLS after the handshake",
            Plan.CORRECT.with(StartTls.ANSWER_INJECTED)),

    /** Offers password authentication in the clear (AUTH_BEFORE_TLS). */
    AUTH_BEFORE_TLS("auth-before-tls", "AUTH PLAIN LOGIN advertised before STARTTLS",
            Plan.CORRECT.with(Offer.AUTH_BEFORE_TLS)),

    /** A greeting line that never ends: a client without a line limit grows until it dies. */
    ENDLESS_LINE("endless-line", "greeting line that never ends", Plan.CORRECT.with(Greeting.ENDLESS)),

    /** Every reply one byte at a time: a client with per-read instead of per-reply deadlines waits forever. */
    DRIP("drip", "greeting and replies one byte at a time", Plan.CORRECT.with(Pace.DRIP)),

    /** Plaintext where the ServerHello belongs: the client must fail the handshake cleanly. */
    GARBAGE_AFTER_STARTTLS("garbage-after-starttls", "220 to STARTTLS, then non-TLS bytes",
            Plan.CORRECT.with(StartTls.GARBAGE_AFTER_READY)),

    /** A chain of 61 certificates over 100 KB: a client without chain limits spends memory and time. */
    HUGE_CHAIN("huge-chain", "61-certificate chain over 100 KB", Plan.CORRECT.with(CredentialKind.HUGE_CHAIN)),

    /** A banner with HTML and ANSI escapes: reports that echo it unescaped are injectable. */
    HOSTILE_BANNER("hostile-banner", "greeting with <script> and ANSI escape bytes",
            Plan.CORRECT.with(Greeting.HOSTILE_BANNER)),

    /** A 554 greeting: the client must report GREETING_REJECTED, not a TLS problem. */
    GREETING_REJECTED("greeting-rejected", "554 greeting, only QUIT accepted", Plan.CORRECT.with(Greeting.REJECTED));

    private final String id;
    private final String description;
    private final Plan plan;

    Scenario(String id, String description, Plan plan) {
        this.id = id;
        this.description = description;
        this.plan = plan;
    }

    /** The contract name, such as {@code starttls-refused}. */
    public String id() {
        return id;
    }

    /** One line saying what the endpoint does. */
    public String description() {
        return description;
    }

    /** What the endpoint does in each phase. */
    public Plan plan() {
        return plan;
    }

    /** The scenario with the given contract name. */
    public static Optional<Scenario> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** Every contract name, in contract order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Scenario::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
