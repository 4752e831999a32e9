package io.mailtls.tls.wire;

import io.mailtls.tls.registry.AlertDescriptions;
import java.util.List;
import java.util.Optional;

/** Everything a server can answer to a ClientHello, as one closed set of cases. */
public sealed interface ServerResponse {

    /**
     * A ServerHello and, for TLS 1.2 and earlier, the rest of the server's first flight.
     *
     * @param serverHello  the ServerHello
     * @param certificates the DER certificates of a TLS 1.2-or-earlier Certificate message, leaf first
     * @param keyExchange  what the ServerKeyExchange revealed, if one came
     * @param messageTypes the handshake message types received, in order
     * @param complete     whether the flight ended properly (ServerHelloDone, or the ServerHello of TLS 1.3)
     * @param warnings     warning alerts received before or within the flight
     * @param closingAlert a fatal alert or close_notify that followed the ServerHello
     */
    record Hello(ServerHello serverHello, List<byte[]> certificates, Optional<ServerKeyExchange> keyExchange,
            List<Integer> messageTypes, boolean complete, List<Alert> warnings, Optional<Alert> closingAlert)
            implements ServerResponse {
        public Hello {
            certificates = List.copyOf(certificates);
            messageTypes = List.copyOf(messageTypes);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * A TLS 1.3 HelloRetryRequest: the server wants a key share for another group.
     *
     * @param request the HelloRetryRequest, with its selected group in {@link ServerHello#keyShareGroup()}
     */
    record HelloRetry(ServerHello request) implements ServerResponse {
    }

    /**
     * An alert instead of a ServerHello.
     *
     * @param level       1 = warning, 2 = fatal
     * @param description the AlertDescription code
     */
    record Alert(int level, int description) implements ServerResponse {
        /** The RFC name of the description, e.g. {@code handshake_failure}. */
        public String descriptionName() {
            return AlertDescriptions.nameOf(description);
        }

        /** Whether the alert is fatal (level 2). */
        public boolean fatal() {
            return level == 2;
        }

        @Override
        public String toString() {
            return (level == 2 ? "fatal " : level == 1 ? "warning " : "level " + level + " ") + descriptionName();
        }
    }

    /**
     * The connection ended without a TLS answer.
     *
     * @param reset  true for a reset (RST), false for an orderly close (FIN)
     * @param detail what was seen, e.g. "closed after 0 bytes"
     */
    record Closed(boolean reset, String detail) implements ServerResponse {
    }

    /**
     * Nothing, or not enough, arrived before the deadline.
     *
     * @param detail how far the answer got
     */
    record TimedOut(String detail) implements ServerResponse {
    }

    /**
     * The answer is not TLS at all (an SMTP reply, an HTTP page...).
     *
     * @param firstBytesHex the first bytes received, in hex
     * @param printable     the same bytes with non-printable characters replaced by '.'
     */
    record NotTls(String firstBytesHex, String printable) implements ServerResponse {
    }

    /**
     * TLS, but broken: a length that lies, an oversized record, a message out of order.
     *
     * @param reason   what is wrong
     * @param evidence the offending bytes in hex (at most 64)
     */
    record Malformed(String reason, String evidence) implements ServerResponse {
    }

    /**
     * An SSLv2 SERVER-HELLO.
     *
     * @param version     the server's version field (0x0002 for SSLv2)
     * @param certificate the server's certificate (DER), possibly empty
     * @param cipherSpecs the three-byte CIPHER-SPECs the server shares with the client
     */
    record Sslv2Hello(int version, byte[] certificate, List<Integer> cipherSpecs) implements ServerResponse {
        public Sslv2Hello {
            certificate = certificate.clone();
            cipherSpecs = List.copyOf(cipherSpecs);
        }
    }

    /**
     * An SSLv2 ERROR message.
     *
     * @param errorCode 1 = NO-CIPHER, 2 = NO-CERTIFICATE, 4 = BAD-CERTIFICATE, 6 = UNSUPPORTED-CERTIFICATE-TYPE
     */
    record Sslv2Error(int errorCode) implements ServerResponse {
    }
}
