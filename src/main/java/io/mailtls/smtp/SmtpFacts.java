package io.mailtls.smtp;

import java.util.List;

/**
 * What the SMTP conversation showed, before and after TLS; any part may be null when not reached.
 *
 * @param greeting            the 220 (or other) greeting
 * @param greetingMs          how long the greeting took to complete, from connect
 * @param ehlo                the reply to EHLO (or null)
 * @param helo                the reply to HELO when EHLO was refused and we fell back
 * @param capabilities        EHLO keywords on the plaintext channel
 * @param starttlsReply       the reply to STARTTLS
 * @param bytesAfterStarttls  printable bytes the server sent after its 220 to STARTTLS, before any TLS
 * @param ehloAfterTls        the reply to EHLO over TLS
 * @param capabilitiesAfterTls EHLO keywords over TLS
 */
public record SmtpFacts(Reply greeting, long greetingMs, Reply ehlo, Reply helo, Capabilities capabilities,
                        Reply starttlsReply, String bytesAfterStarttls, Reply ehloAfterTls,
                        Capabilities capabilitiesAfterTls) {

    /** Whether STARTTLS was advertised in the plaintext EHLO reply. */
    public boolean starttlsOffered() {
        return capabilities != null && capabilities.has("STARTTLS");
    }

    /** The greeting's lines as sent, or an empty list. */
    public List<String> greetingLines() {
        return greeting == null ? List.of() : greeting.wireLines();
    }
}
