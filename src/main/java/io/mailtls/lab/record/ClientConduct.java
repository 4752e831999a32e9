package io.mailtls.lab.record;

import java.util.List;

import io.mailtls.tls.wire.ClientHelloParse;

/**
 * What the SMTP client did in one lab session beyond its command verbs: the facts a sending server
 * is judged by (its EHLO name, whether it asked for STARTTLS, its ClientHello as offered, how a
 * failed handshake ended, the mail it sent). Bounded: client text is cut and cleaned with
 * {@link Printable}, at most {@value #MAX_MAIL} transactions are kept.
 *
 * @param heloName         the first EHLO or HELO argument (printable ASCII, at most {@value #MAX_HELO}
 *                         characters), or null when the client never said hello
 * @param startTls         whether the client sent STARTTLS (whatever the answer)
 * @param clientHello      the first ClientHello after STARTTLS as parsed from the raw bytes before the
 *                         JDK saw them, or null when no handshake was attempted
 * @param clientHelloBytes how many bytes were read for it (all of them were handed to the JDK)
 * @param handshakeFailure why the handshake failed, or null when it completed or never started
 * @param mail             the transactions opened with an accepted MAIL FROM, in order
 * @param mailOmitted      transactions beyond {@value #MAX_MAIL}, counted but not kept
 */
public record ClientConduct(String heloName, boolean startTls, ClientHelloParse clientHello, int clientHelloBytes,
                            HandshakeFailure handshakeFailure, List<MailTransaction> mail, int mailOmitted) {

    /** Transactions kept per session. */
    public static final int MAX_MAIL = 32;
    /** RFC 1035: a domain name is at most 255 octets; an address literal is shorter. */
    public static final int MAX_HELO = 255;

    /** A session in which the client did nothing the recorder reports. */
    public static final ClientConduct NONE = new ClientConduct(null, false, null, 0, null, List.of(), 0);

    public ClientConduct {
        heloName = Printable.of(heloName, MAX_HELO);
        mail = List.copyOf(mail);
    }

    /** Whether the client sent MAIL FROM outside TLS and had it accepted. */
    public boolean plaintextMail() {
        return mail.stream().anyMatch(m -> !m.overTls());
    }

    /** Whether the client sent MAIL FROM inside TLS and had it accepted. */
    public boolean tlsMail() {
        return mail.stream().anyMatch(MailTransaction::overTls);
    }
}
