package io.mailtls.lab.record;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a TLS handshake after STARTTLS did not complete, told from the server's side: the client
 * sent an alert (a verifying client rejecting the certificate does this), closed the connection,
 * went silent, or the two sides could not agree.
 *
 * @param kind   who ended the handshake and how
 * @param alert  the alert description the client sent (IANA name, such as {@code certificate_expired}),
 *               or null when it sent none
 * @param detail the evidence: the JDK's message chain, at most {@value #MAX_DETAIL} characters
 */
public record HandshakeFailure(Kind kind, String alert, String detail) {

    /** Evidence longer than this is cut. */
    public static final int MAX_DETAIL = 300;

    // The JDK reports an alert from the peer as "Received fatal alert: <description>", or, when a TLS 1.3
    // client sends it unencrypted, as "Unexpected plaintext alert received: Level: fatal; Alert: <description>".
    private static final Pattern RECEIVED_ALERT = Pattern.compile(
            "(?:Received fatal alert: |alert received: Level: fatal; Alert: )([a-z0-9_]{1,48})");

    /** Who ended the handshake. */
    public enum Kind {
        /** The client sent a fatal alert: it refused something the lab sent, typically the certificate. */
        CLIENT_ALERT,
        /** The client closed or reset the connection during the handshake, without an alert. */
        CLIENT_CLOSED,
        /** The client sent nothing for the lab's handshake timeout. */
        TIMEOUT,
        /** The lab refused the client's offer (no common version or suite) or the bytes were not TLS. */
        NEGOTIATION
    }

    public HandshakeFailure {
        detail = Printable.of(detail, MAX_DETAIL);
    }

    /** Classifies the exception a server-side handshake ended with; {@code description} is its message chain. */
    public static HandshakeFailure of(IOException error, String description) {
        Matcher alert = RECEIVED_ALERT.matcher(description);
        if (alert.find()) {
            return new HandshakeFailure(Kind.CLIENT_ALERT, alert.group(1), description);
        }
        if (error instanceof SocketTimeoutException) {
            return new HandshakeFailure(Kind.TIMEOUT, null, description);
        }
        String lower = description.toLowerCase(Locale.ROOT);
        if (error instanceof EOFException || error instanceof SocketException
                || lower.contains("remote host terminated") || lower.contains("close_notify")
                || lower.contains("connection reset") || lower.contains("broken pipe")) {
            return new HandshakeFailure(Kind.CLIENT_CLOSED, null, description);
        }
        return new HandshakeFailure(Kind.NEGOTIATION, null, description);
    }
}
