package io.mailtls.lab.record;

import java.util.ArrayList;
import java.util.List;

import io.mailtls.tls.wire.ClientHelloParse;

/**
 * Collects one session's {@link ClientConduct} while the session runs: the SMTP session calls one
 * method per event. Not thread-safe; one per session thread.
 */
public final class ConductLog {

    private String heloName;
    private boolean startTls;
    private ClientHelloParse clientHello;
    private int clientHelloBytes;
    private HandshakeFailure handshakeFailure;
    private final List<Transaction> mail = new ArrayList<>();
    private int mailOmitted;
    private Transaction current;

    /** Mutable while the transaction runs; the record is made at the end. */
    private static final class Transaction {
        final String from;
        final boolean overTls;
        int recipients;
        long size = -1;

        Transaction(String from, boolean overTls) {
            this.from = from;
            this.overTls = overTls;
        }
    }

    /** An accepted EHLO or HELO; the first name is the one kept. */
    public void hello(String name) {
        if (heloName == null) {
            heloName = Printable.of(name, ClientConduct.MAX_HELO);
        }
    }

    /** The client sent STARTTLS. */
    public void startTls() {
        startTls = true;
    }

    /** The ClientHello as read before the handshake, and how many bytes were read for it. */
    public void clientHello(ClientHelloParse parse, int bytes) {
        if (clientHello == null) {
            clientHello = parse;
            clientHelloBytes = bytes;
        }
    }

    /** The handshake after STARTTLS failed. */
    public void handshakeFailed(HandshakeFailure failure) {
        handshakeFailure = failure;
    }

    /** MAIL FROM was accepted: a transaction starts. */
    public void mail(String from, boolean overTls) {
        if (mail.size() >= ClientConduct.MAX_MAIL) {
            mailOmitted++;
            current = null;
            return;
        }
        current = new Transaction(Printable.of(from, 256), overTls);
        mail.add(current);
    }

    /** RCPT TO was accepted in the current transaction. */
    public void recipient() {
        if (current != null) {
            current.recipients++;
        }
    }

    /** The current transaction's message was accepted; the transaction ends. */
    public void delivered(long size) {
        if (current != null) {
            current.size = size;
        }
        current = null;
    }

    /** What was collected so far. */
    public ClientConduct build() {
        List<MailTransaction> transactions = mail.stream()
                .map(t -> new MailTransaction(t.from, t.recipients, t.size, t.overTls)).toList();
        return new ClientConduct(heloName, startTls, clientHello, clientHelloBytes, handshakeFailure, transactions,
                mailOmitted);
    }
}
