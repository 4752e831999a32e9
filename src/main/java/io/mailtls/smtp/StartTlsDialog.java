package io.mailtls.smtp;

import io.mailtls.net.Printable;
import io.mailtls.net.Failure;
import io.mailtls.net.Failure.Kind;
import io.mailtls.net.Failures;
import io.mailtls.net.Phase;
import java.io.IOException;
import java.time.Duration;

/**
 * The SMTP dialog up to the TLS upgrade and after it (RFC 5321, RFC 3207), with a typed outcome.
 *
 * <p>Used by {@code check} for the full conversation and by the probes as their STARTTLS preamble, so both
 * see the server the same way. It never sends a command before the previous reply is complete.
 */
public final class StartTlsDialog {
    private final SmtpSession session;
    private final String ehloName;
    private Reply greeting;
    private long greetingMs = -1;
    private Reply ehlo;
    private Reply helo;
    private Capabilities caps;
    private Reply starttls;
    private String after220;
    private byte[] extraRaw = new byte[0];
    private Reply ehloTls;
    private Capabilities capsTls;

    public StartTlsDialog(SmtpSession session, String ehloName) {
        this.session = session;
        this.ehloName = ehloName;
    }

    /** Reads the greeting; null when it is a 220, else the failure. */
    public Failure greeting(Duration limit) {
        try {
            greeting = session.read(limit);
            greetingMs = session.transcript().elapsedMs();
        } catch (IOException e) {
            return failure(e, Phase.GREETING);
        }
        if (greeting.code() == 220) {
            return null;
        }
        if (greeting.transientFailure()) {
            return new Failure(Kind.THROTTLED, Phase.GREETING,
                    "the server said 'come back later' instead of greeting us", greeting.firstLine());
        }
        if (greeting.code() == 554) {
            return new Failure(Kind.GREETING_REJECTED, Phase.GREETING,
                    "the server refuses to talk to this client (554 greeting)", greeting.firstLine());
        }
        return new Failure(Kind.MALFORMED_REPLY, Phase.GREETING,
                "the greeting is not 220 (RFC 5321 §4.3.2)", greeting.firstLine());
    }

    /** Sends EHLO, falling back to HELO when EHLO is refused; null on success. */
    public Failure ehlo() {
        try {
            ehlo = session.command("EHLO " + ehloName);
            if (ehlo.positive()) {
                caps = Capabilities.of(ehlo);
                return null;
            }
            if (ehlo.code() == 421 || ehlo.transientFailure()) {
                return new Failure(Kind.THROTTLED, Phase.EHLO, "the server deferred our EHLO", ehlo.firstLine());
            }
            session.transcript().note("EHLO refused; falling back to HELO (RFC 5321 §3.2)");
            helo = session.command("HELO " + ehloName);
            caps = new Capabilities(java.util.List.of());
            if (helo.positive()) {
                return null;
            }
            if (helo.transientFailure()) {
                return new Failure(Kind.THROTTLED, Phase.EHLO, "the server deferred our HELO", helo.firstLine());
            }
            return new Failure(Kind.EHLO_REJECTED, Phase.EHLO, "the server refused both EHLO and HELO",
                    ehlo.firstLine() + " / " + helo.firstLine());
        } catch (IOException e) {
            return failure(e, Phase.EHLO);
        }
    }

    /** Sends STARTTLS if advertised; null when the server answered 220 and TLS may start. */
    public Failure starttls() {
        if (caps == null || !caps.has("STARTTLS")) {
            String why = helo != null ? "the server only speaks HELO, which has no STARTTLS"
                    : "STARTTLS is not in the server's EHLO reply";
            return new Failure(Kind.STARTTLS_NOT_OFFERED, Phase.STARTTLS, why,
                    ehlo == null ? "" : String.join(" | ", ehlo.wireLines()));
        }
        try {
            starttls = session.command("STARTTLS");
        } catch (IOException e) {
            return failure(e, Phase.STARTTLS);
        }
        if (starttls.code() == 220) {
            byte[] extra = session.takeBuffered();
            extraRaw = extra;
            if (extra.length > 0) {
                after220 = Printable.ofBytes(extra, extra.length, 200);
                session.transcript().note("the server sent " + extra.length + " bytes after its 220 before TLS: "
                        + after220);
            }
            return null;
        }
        if (starttls.code() == 421) {
            return new Failure(Kind.THROTTLED, Phase.STARTTLS, "the server closed the session at STARTTLS",
                    starttls.firstLine());
        }
        return new Failure(Kind.STARTTLS_REFUSED, Phase.STARTTLS,
                "STARTTLS is advertised but the command was refused", starttls.firstLine());
    }

    /** The raw bytes the server sent after its 220 to STARTTLS: they belong to the TLS layer now. */
    public byte[] bytesAfter220() {
        return extraRaw.clone();
    }

    /** The EHLO over TLS; null on success. */
    public Failure ehloAfterTls() {
        try {
            ehloTls = session.command("EHLO " + ehloName);
        } catch (IOException e) {
            Failure f = failure(e, Phase.EHLO_AFTER_TLS);
            return new Failure(Kind.EHLO_AFTER_TLS_FAILED, Phase.EHLO_AFTER_TLS, f.detail(), f.evidence());
        }
        if (ehloTls.positive()) {
            capsTls = Capabilities.of(ehloTls);
            return null;
        }
        return new Failure(Kind.EHLO_AFTER_TLS_FAILED, Phase.EHLO_AFTER_TLS,
                "the server refused EHLO over the encrypted channel", ehloTls.firstLine());
    }

    /** Says goodbye; a missing 221 is only noted, since the test is over. */
    public void quit() {
        try {
            session.command("QUIT");
        } catch (IOException e) {
            session.transcript().note("no reply to QUIT: " + e.getMessage());
        }
    }

    private Failure failure(IOException e, Phase phase) {
        return switch (e) {
            case MalformedReplyException m -> new Failure(Kind.MALFORMED_REPLY, phase, m.getMessage(), m.evidence());
            case ReplyTimeoutException t -> new Failure(Kind.TIMEOUT, phase,
                    phase == Phase.GREETING ? "the greeting did not arrive complete in time"
                            : "no complete reply in time during " + phase.label(), t.partial());
            default -> Failures.classify(e, phase);
        };
    }

    /** What was seen so far. */
    public SmtpFacts facts() {
        return new SmtpFacts(greeting, greetingMs, ehlo, helo, caps, starttls, after220, ehloTls, capsTls);
    }

    public SmtpSession session() {
        return session;
    }
}
