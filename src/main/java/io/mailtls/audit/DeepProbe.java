package io.mailtls.audit;

import io.mailtls.facts.EndpointFacts;
import io.mailtls.net.Deadline;
import io.mailtls.net.Endpoint;
import io.mailtls.net.Mode;
import io.mailtls.net.Phase;
import io.mailtls.smtp.SmtpProbeFacts;
import io.mailtls.smtp.SmtpProbes;
import io.mailtls.tls.jsse.TlsSessionFacts;
import io.mailtls.tls.probe.ConnectionGate;
import io.mailtls.tls.probe.Preamble;
import io.mailtls.tls.probe.ProbeOptions;
import io.mailtls.tls.probe.ProbeTarget;
import io.mailtls.tls.probe.TlsProber;
import io.mailtls.tls.probe.TlsProfile;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;


/** Runs the {@code --deep} probes on an endpoint whose basic conversation got as far as the TLS handshake. */
final class DeepProbe {
    /** The raw enumeration needs far more than one conversation's deadline on a slow server. */
    static final Duration SCAN_LIMIT = Duration.ofMinutes(3);

    private DeepProbe() {
    }

    /** True when probing can tell anything: TLS started, or STARTTLS was accepted and only the handshake failed. */
    static boolean worthIt(EndpointFacts f) {
        return f.tls() != null || (f.failure() != null && f.failure().phase() == Phase.TLS_HANDSHAKE);
    }

    /** The per-server connection gate, with one permit already taken by the basic conversation that asks for it. */
    static ConnectionGate gateHeldByCaller(CheckOptions o) {
        ConnectionGate gate = new ConnectionGate(Math.max(1, o.maxConnections()));
        gate.acquireForOwner();
        return gate;
    }

    /**
     * Starts the raw enumeration beside the basic conversation (and, later, the SMTP probes), which hold one
     * permit of the gate: the enumeration uses the rest, and that one too once the caller releases it, so never
     * more than maxConnections are open to the server at once.
     */
    static CompletableFuture<TlsProfile> startEnumeration(Endpoint ep, CheckOptions o, String sni,
            ConnectionGate gate) {
        Preamble preamble = ep.mode() == Mode.IMPLICIT_TLS ? Preamble.IMPLICIT_TLS
                : new StartTlsPreamble(o.ehloName(), o.step(), o.greetingLimit());
        ProbeOptions po = ProbeOptions.DEFAULT.withMaxConnections(Math.max(1, o.maxConnections()))
                .withProbeTimeout(o.step().plus(o.greetingLimit()));
        var target = new ProbeTarget(ep.host(), ep.address(), ep.port(), Optional.ofNullable(sni), preamble);
        return CompletableFuture.supplyAsync(() -> TlsProber.probe(target, po, gate),
                r -> Thread.ofVirtual().name("mailtls-deep").start(r));
    }

    /** The SMTP security probes, one connection at a time, only where STARTTLS led to TLS. */
    static SmtpProbeFacts smtpProbes(Endpoint ep, CheckOptions o, String sni, TlsSessionFacts tls) {
        if (ep.mode() != Mode.STARTTLS || tls == null) {
            return null;
        }
        return new SmtpProbes(new InetSocketAddress(ep.address(), ep.port()), o.ehloName(), sni, o.step(),
                Deadline.in(SCAN_LIMIT)).run();
    }
}
