package io.mailtls.lab.record;

/**
 * One mail transaction a client opened with an accepted MAIL FROM (RFC 5321 section 3.3): who it
 * was from, how many recipients were accepted and how large the message was, never its content.
 *
 * @param mailFrom   the reverse path, printable ASCII only (anything else shown as '?'); empty for {@code <>}
 * @param recipients RCPT TO commands accepted in this transaction
 * @param size       the message's size in bytes after dot-unstuffing, or -1 when no message was accepted
 * @param overTls    whether MAIL FROM arrived inside TLS
 */
public record MailTransaction(String mailFrom, int recipients, long size, boolean overTls) {

    /** Whether the lab accepted a message (250 after the final dot) in this transaction. */
    public boolean delivered() {
        return size >= 0;
    }
}
