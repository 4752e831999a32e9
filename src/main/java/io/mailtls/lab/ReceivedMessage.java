package io.mailtls.lab;

import java.time.Instant;
import java.util.List;

/**
 * A message a lab endpoint accepted, kept in memory (bounded) so tests can see what arrived.
 *
 * @param scenario   the endpoint that received it
 * @param mailFrom   the reverse path from MAIL FROM, without angle brackets
 * @param recipients the forward paths from RCPT TO, without angle brackets
 * @param content    the message bytes after dot-unstuffing, lines ending in CRLF
 * @param overTls    whether DATA arrived inside TLS
 * @param receivedAt when the final dot was read
 */
public record ReceivedMessage(Scenario scenario, String mailFrom, List<String> recipients, byte[] content,
                              boolean overTls, Instant receivedAt) {

    public ReceivedMessage {
        recipients = List.copyOf(recipients);
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The content as text, every byte kept as one character (ISO-8859-1). */
    public String text() {
        return new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
