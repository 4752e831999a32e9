package io.mailtls.smtp;

import io.mailtls.net.Connector;
import io.mailtls.net.Deadline;
import io.mailtls.net.Failure;
import io.mailtls.tls.jsse.HandshakeResult;
import io.mailtls.tls.jsse.JsseHandshake;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * The SMTP-specific deep probes, each on its own connection: STARTTLS command injection, and whether the server
 * requires TLS before accepting mail. Neither ever sends RCPT or DATA, so no mail is ever submitted.
 */
public final class SmtpProbes {
    /** Plaintext sent in the same packet as STARTTLS; a safe server discards it when TLS starts (RFC 3207 §4.2). */
    static final String INJECTED = "NOOP mailtls-injected";
    /** How long a probe waits for the server to close after it did, so the next connection does not overlap. */
    private static final Duration HANG_UP = Duration.ofSeconds(1);

    private final InetSocketAddress to;
    private final String ehloName;
    private final String sni;
    private final Duration step;
    private final Deadline deadline;

    public SmtpProbes(InetSocketAddress to, String ehloName, String sni, Duration step, Deadline deadline) {
        this.to = to;
        this.ehloName = ehloName;
        this.sni = sni;
        this.step = step;
        this.deadline = deadline;
    }

    /** Runs both probes, one after the other (polite: one connection at a time). */
    public SmtpProbeFacts run() {
        String[] inj = new String[1];
        Boolean vulnerable = injection(inj);
        String[] req = new String[1];
        Boolean requires = requireTls(req);
        return new SmtpProbeFacts(vulnerable, inj[0], requires, req[0], 2);
    }

    /**
     * Sends {@code STARTTLS\r\nNOOP\r\n} in one write, completes the handshake, then sends EHLO: a safe server
     * answers the EHLO only; a vulnerable one first answers the NOOP it read before TLS started.
     */
    Boolean injection(String[] evidence) {
        try (Socket s = Connector.open(to, deadline, step);
                Closeable bye = () -> Connector.hangUp(s, HANG_UP)) {
            Transcript t = new Transcript();
            SmtpSession session = new SmtpSession(s, t, step, deadline);
            StartTlsDialog dialog = new StartTlsDialog(session, ehloName);
            Failure f = dialog.greeting(step.multipliedBy(3));
            if (f == null) {
                f = dialog.ehlo();
            }
            if (f != null) {
                evidence[0] = "could not reach STARTTLS: " + f.detail() + " " + f.evidence();
                return null;
            }
            if (!dialog.facts().starttlsOffered()) {
                evidence[0] = "STARTTLS is not offered";
                return null;
            }
            session.sendRaw("STARTTLS\r\n" + INJECTED + "\r\n");
            Reply r = session.read();
            if (r.code() != 220) {
                evidence[0] = "STARTTLS refused: " + r.firstLine();
                return null;
            }
            byte[] extra = session.takeBuffered();
            if (extra.length > 0) {
                // The NOOP was answered in plaintext before the handshake: broken, but not the injection flaw.
                evidence[0] = "the server answered the pipelined command before TLS started: "
                        + io.mailtls.net.Printable.ofBytes(extra, extra.length, 120);
                return false;
            }
            HandshakeResult h = JsseHandshake.run(s, new byte[0], to.getHostString(), sni, deadline.stepMillis(step));
            if (!(h instanceof HandshakeResult.Established e)) {
                evidence[0] = "the TLS handshake failed: " + ((HandshakeResult.Failed) h).failure().detail();
                return null;
            }
            session.upgrade(e.socket());
            session.send("EHLO " + ehloName);
            Reply first = session.read();
            if (first.lines().size() > 1 || first.code() != 250) {
                evidence[0] = "inside TLS the first reply was the EHLO reply (" + first.firstLine() + "): the "
                        + "plaintext command was discarded";
                return false;
            }
            Reply second;
            try {
                second = session.read();
            } catch (ReplyTimeoutException quiet) {
                evidence[0] = "inside TLS only one reply came (" + first.firstLine() + ")";
                return false;
            }
            evidence[0] = "inside TLS the server answered '" + INJECTED + "', sent in plaintext with STARTTLS: "
                    + first.firstLine() + ", then EHLO: " + second.firstLine();
            return true;
        } catch (IOException e) {
            evidence[0] = "the probe failed: " + e.getMessage();
            return null;
        }
    }

    /** Sends MAIL FROM in plaintext, then RSET and QUIT; never RCPT or DATA. */
    Boolean requireTls(String[] evidence) {
        try (Socket s = Connector.open(to, deadline, step);
                Closeable bye = () -> Connector.hangUp(s, HANG_UP)) {
            SmtpSession session = new SmtpSession(s, new Transcript(), step, deadline);
            StartTlsDialog dialog = new StartTlsDialog(session, ehloName);
            Failure f = dialog.greeting(step.multipliedBy(3));
            if (f == null) {
                f = dialog.ehlo();
            }
            if (f != null) {
                evidence[0] = "could not reach MAIL FROM: " + f.detail() + " " + f.evidence();
                return null;
            }
            Reply mail = session.command("MAIL FROM:<>");
            evidence[0] = "MAIL FROM:<> in plaintext got: " + mail.firstLine();
            session.command("RSET");
            dialog.quit();
            if (mail.code() == 530 || "5.7.0".equals(mail.enhancedCode()) && mail.permanentFailure()) {
                return true;
            }
            if (mail.positive()) {
                return false;
            }
            return null; // 4xx or other 5xx: refused for some other reason (greylisting, policy), not TLS
        } catch (IOException e) {
            evidence[0] = "the probe failed: " + e.getMessage();
            return null;
        }
    }
}
