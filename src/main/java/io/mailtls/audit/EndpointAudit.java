package io.mailtls.audit;

import io.mailtls.cert.CertificateAnalyzer;
import io.mailtls.cert.CertificateFacts;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.net.Deadline;
import io.mailtls.net.Endpoint;
import io.mailtls.net.Failure;
import io.mailtls.net.Failures;
import io.mailtls.net.Mode;
import io.mailtls.net.Phase;
import io.mailtls.net.TargetParser;
import io.mailtls.smtp.SmtpSession;
import io.mailtls.smtp.StartTlsDialog;
import io.mailtls.smtp.Transcript;
import io.mailtls.smtp.TranscriptLine;
import io.mailtls.tls.jsse.HandshakeResult;
import io.mailtls.tls.jsse.JsseHandshake;
import io.mailtls.tls.jsse.TlsSessionFacts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/** Runs the whole conversation with one endpoint (connect, greeting, EHLO, STARTTLS, handshake, EHLO, QUIT). */
public final class EndpointAudit {
    private static final java.util.concurrent.ExecutorService VIRTUAL =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    private final CheckOptions options;

    public EndpointAudit(CheckOptions options) {
        this.options = options;
    }

    /** Checks one endpoint; never throws for anything the network does. */
    public EndpointFacts run(Endpoint endpoint, String expectedName, Consumer<TranscriptLine> live) {
        Transcript transcript = new Transcript(live);
        Deadline deadline = Deadline.in(options.deadline());
        var target = new InetSocketAddress(endpoint.address(), endpoint.port());
        transcript.note("connecting to " + endpoint.hostPort()
                + (endpoint.host().equals(endpoint.addressText()) ? "" : " (" + endpoint.host() + ")"));
        Socket socket = new Socket();
        ScheduledFuture<?> dog = Watchdog.arm(socket, options.deadline());
        State st = new State(transcript);
        try {
            socket.connect(target, deadline.stepMillis(options.step()));
            socket.setTcpNoDelay(true);
            transcript.note("connected in " + transcript.elapsedMs() + " ms");
            // This connection is the server's first from us, so any per-client limit falls on the probes, not on it.
            startDeep(endpoint, expectedName, st);
            SmtpSession session = new SmtpSession(socket, transcript, options.step(), deadline);
            StartTlsDialog dialog = new StartTlsDialog(session, options.ehloName());
            st.dialog = dialog;
            if (endpoint.mode() == Mode.IMPLICIT_TLS) {
                implicitTls(endpoint, expectedName, socket, session, dialog, st);
            } else {
                starttls(endpoint, expectedName, socket, session, dialog, st);
            }
        } catch (IOException e) {
            st.failure = Failures.classify(e, Phase.CONNECT);
            transcript.note("connection failed: " + st.failure.detail() + " (" + e.getMessage() + ")");
        } finally {
            dog.cancel(false);
            if (st.gate != null) {
                // Probes take this connection's slot next: it is free once the server has seen it end.
                io.mailtls.net.Connector.hangUp(socket, java.time.Duration.ofSeconds(1));
            } else {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing is best effort
                }
            }
        }
        if (deadline.expired() && st.failure != null && st.failure.inconclusive()) {
            st.failure = new Failure(Failure.Kind.DEADLINE, st.failure.phase(),
                    "the check of this endpoint ran out of time (" + options.deadline().toSeconds() + " s) during "
                            + st.failure.phase().label(), st.failure.evidence());
        }
        EndpointFacts facts = new EndpointFacts(endpoint, expectedName, transcript.lines(),
                st.dialog == null ? null : st.dialog.facts(), st.tls, null, st.failure, st.afterTls);
        // The SMTP probes need only the network; they run while the chain is validated.
        var enumeration = st.enumeration;
        boolean worthIt = enumeration != null && DeepProbe.worthIt(facts);
        if (enumeration != null && !worthIt) {
            // Nothing to learn from a server that never got to TLS with us: stop the probes now.
            st.gate.cancel("the check's own conversation ended before TLS" + (st.failure == null ? ""
                    : ": " + st.failure.detail()));
        }
        var smtpProbes = worthIt ? java.util.concurrent.CompletableFuture.supplyAsync(() -> DeepProbe.smtpProbes(
                endpoint, options, sniFor(expectedName), st.tls), VIRTUAL) : null;
        if (st.gate != null) {
            // The basic conversation's permit passes to the SMTP probes, then to the enumeration.
            if (smtpProbes == null) {
                st.gate.release();
            } else {
                smtpProbes.whenComplete((done, error) -> st.gate.release());
            }
        }
        CertificateFacts cert = st.tls == null || st.tls.chain().isEmpty() ? null
                : CertificateAnalyzer.analyze(st.tls.chain(), expectedName, options.anchors(), Instant.now());
        facts = new EndpointFacts(endpoint, expectedName, facts.transcript(), facts.smtp(), st.tls, cert, st.failure,
                st.afterTls);
        if (enumeration != null) {
            var profile = enumeration.join(); // always wait: no probe connection may outlive the check
            if (worthIt) {
                facts = facts.withProbes(profile, smtpProbes.join());
            }
        }
        return facts;
    }


    private String sniFor(String expected) {
        return options.sni() != null ? options.sni() : TargetParser.isIpLiteral(expected) ? null : expected;
    }

    private static final class State {
        final Transcript transcript;
        StartTlsDialog dialog;
        TlsSessionFacts tls;
        java.util.concurrent.CompletableFuture<io.mailtls.tls.probe.TlsProfile> enumeration;
        io.mailtls.tls.probe.ConnectionGate gate;
        Failure failure;
        Failure afterTls;

        State(Transcript transcript) {
            this.transcript = transcript;
        }
    }

    private void starttls(Endpoint ep, String expected, Socket socket, SmtpSession session, StartTlsDialog dialog,
                          State st) throws IOException {
        Failure f = dialog.greeting(options.greetingLimit());
        if (f == null) {
            f = dialog.ehlo();
        }
        if (f == null) {
            f = dialog.starttls();
        }
        if (f != null) {
            stop(st, f, dialog);
            return;
        }
        if (!handshake(ep, expected, socket, dialog.bytesAfter220(), session, st)) {
            return;
        }
        st.afterTls = dialog.ehloAfterTls();
        if (st.afterTls == null) {
            dialog.quit();
        } else {
            st.transcript.note(st.afterTls.detail());
        }
    }

    private void implicitTls(Endpoint ep, String expected, Socket socket, SmtpSession session,
                             StartTlsDialog dialog, State st) throws IOException {
        if (!handshake(ep, expected, socket, new byte[0], session, st)) {
            return;
        }
        Failure f = dialog.greeting(options.greetingLimit());
        if (f == null) {
            f = dialog.ehlo();
        }
        if (f != null) {
            st.afterTls = f;
            st.transcript.note(f.detail());
            return;
        }
        dialog.quit();
    }

    /**
     * With --deep, the raw enumeration starts as soon as this conversation's connection is up, beside it, within
     * the per-server connection budget: on a server that greets slowly this saves a greeting delay. It is cancelled
     * if this conversation does not get as far as TLS (no STARTTLS, a 421, a refusal).
     */
    private void startDeep(Endpoint ep, String expected, State st) {
        if (options.deep()) {
            st.gate = DeepProbe.gateHeldByCaller(options);
            st.enumeration = DeepProbe.startEnumeration(ep, options, sniFor(expected), st.gate);
        }
    }

    private boolean handshake(Endpoint ep, String expected, Socket socket, byte[] buffered, SmtpSession session,
                              State st) throws IOException {
        String sni = sniFor(expected);
        st.transcript.tls("TLS handshake starts" + (sni == null ? " (no SNI)" : " (SNI " + sni + ")"));
        HandshakeResult r = JsseHandshake.run(socket, buffered, ep.host(), sni,
                session.deadline().stepMillis(options.step()));
        switch (r) {
            case HandshakeResult.Established e -> {
                st.tls = e.facts();
                TlsSessionFacts t = e.facts();
                st.transcript.tls("TLS handshake: " + t.protocol() + ", " + t.cipher()
                        + (t.group() == null ? "" : ", " + t.group()) + ", " + t.chain().size()
                        + (t.chain().size() == 1 ? " certificate" : " certificates") + " (" + t.handshakeMs() + " ms)");
                session.upgrade(e.socket());
                return true;
            }
            case HandshakeResult.Failed failed -> {
                st.failure = failed.failure();
                st.transcript.tls("TLS handshake failed: " + failed.failure().detail()
                        + (failed.failure().evidence().isEmpty() ? "" : " [" + failed.failure().evidence() + "]"));
                return false;
            }
        }
    }

    private static void stop(State st, Failure f, StartTlsDialog dialog) {
        st.failure = f;
        st.transcript.note(f.detail());
        // Leave politely where the session is still usable, so the server does not count us as abusive.
        switch (f.kind()) {
            case STARTTLS_NOT_OFFERED, STARTTLS_REFUSED, EHLO_REJECTED -> dialog.quit();
            default -> { }
        }
    }
}
