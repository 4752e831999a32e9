package io.mailtls.lab;

import io.mailtls.lab.pki.CredentialKind;
import io.mailtls.lab.tls.TlsProfile;

/**
 * What a scenario does at each phase of an SMTP session: one row of the (phase × fault) table.
 * A scenario is data, not code: the session consults the plan's column for the phase it is in.
 *
 * @param greeting   the connection-opening reply
 * @param offer      what the EHLO reply advertises on the plaintext channel
 * @param startTls   how the STARTTLS command is answered
 * @param credential the certificate chain presented in the handshake
 * @param tls        the protocol versions and suites enabled for the handshake
 * @param pace       how every SMTP reply is written
 */
public record Plan(Greeting greeting, Offer offer, StartTls startTls, CredentialKind credential,
                   TlsProfile tls, Pace pace) {

    /** The well-behaved server: every column at its correct value. */
    public static final Plan CORRECT = new Plan(Greeting.READY, Offer.STANDARD, StartTls.PROCEED,
            CredentialKind.GOOD, TlsProfile.MODERN, Pace.NORMAL);

    /** Phase "connect": the greeting. */
    public enum Greeting {
        /** {@code 220 mx.lab.test ESMTP ...} at once. */
        READY,
        /** {@code 220} after the configured greeting delay. */
        DELAYED,
        /** {@code 421 4.7.0} then close: the server is busy or throttling this client. */
        THROTTLED,
        /** {@code 554} and then only QUIT is accepted (RFC 5321 section 3.1). */
        REJECTED,
        /** {@code 220} whose text carries HTML and ANSI terminal escape sequences. */
        HOSTILE_BANNER,
        /** {@code 220 } followed by bytes that never reach a line end. */
        ENDLESS
    }

    /** Phase "EHLO": what the plaintext EHLO reply advertises. */
    public enum Offer {
        /** PIPELINING, SIZE, STARTTLS, 8BITMIME, ENHANCEDSTATUSCODES. */
        STANDARD,
        /** The standard list without STARTTLS; the command itself is then not implemented. */
        NO_STARTTLS,
        /** The standard list plus {@code AUTH PLAIN LOGIN} before TLS. */
        AUTH_BEFORE_TLS
    }

    /** Phase "STARTTLS": the reply and what follows it. */
    public enum StartTls {
        /** {@code 220}, then TLS; plaintext pipelined behind STARTTLS is discarded (RFC 3207). */
        PROCEED,
        /** {@code 454 4.7.0}: TLS not available. */
        REFUSE,
        /** {@code 220}, then the connection is closed without a handshake. */
        CLOSE_AFTER_READY,
        /** {@code 220}, then plaintext bytes where the TLS handshake should be. */
        GARBAGE_AFTER_READY,
        /** {@code 220}, then TLS; plaintext pipelined behind STARTTLS is answered inside TLS (CVE-2011-0411). */
        ANSWER_INJECTED
    }

    /** All phases: how replies are written. */
    public enum Pace {
        /** Each reply in one write. */
        NORMAL,
        /** One byte per write, with the configured delay between bytes. */
        DRIP
    }

    /** This plan with another greeting. */
    public Plan with(Greeting value) {
        return new Plan(value, offer, startTls, credential, tls, pace);
    }

    /** This plan with another EHLO offer. */
    public Plan with(Offer value) {
        return new Plan(greeting, value, startTls, credential, tls, pace);
    }

    /** This plan with another STARTTLS behaviour. */
    public Plan with(StartTls value) {
        return new Plan(greeting, offer, value, credential, tls, pace);
    }

    /** This plan with another certificate chain. */
    public Plan with(CredentialKind value) {
        return new Plan(greeting, offer, startTls, value, tls, pace);
    }

    /** This plan with another TLS profile. */
    public Plan with(TlsProfile value) {
        return new Plan(greeting, offer, startTls, credential, value, pace);
    }

    /** This plan with another pace. */
    public Plan with(Pace value) {
        return new Plan(greeting, offer, startTls, credential, tls, value);
    }
}
