package io.mailtls.audit;

import io.mailtls.facts.EndpointFacts;
import io.mailtls.net.Deadline;
import io.mailtls.net.Mode;
import io.mailtls.net.Phase;
import io.mailtls.smtp.SmtpProbeFacts;
import io.mailtls.smtp.SmtpProbes;
import io.mailtls.tls.probe.Preamble;
import io.mailtls.tls.probe.ProbeOptions;
import io.mailtls.tls.probe.ProbeTarget;
import io.mailtls.tls.probe.TlsProber;
import io.mailtls.tls.probe.TlsProfile;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

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

    /** The deep probes' results. */
    record Result(TlsProfile profile, SmtpProbeFacts smtp) {
    }

    static Result run(io.mailtls.net.Endpoint ep, CheckOptions o, String sni, io.mailtls.tls.jsse.TlsSessionFacts tls) {
        Preamble preamble = ep.mode() == Mode.IMPLICIT_TLS ? Preamble.IMPLICIT_TLS
                : new StartTlsPreamble(o.ehloName(), o.step(), o.greetingLimit());
        ProbeOptions po = ProbeOptions.DEFAULT.withMaxConnections(o.maxConnections())
                .withProbeTimeout(o.step().plus(o.greetingLimit()));
        TlsProfile profile = TlsProber.probe(new ProbeTarget(ep.host(), ep.address(), ep.port(),
                Optional.ofNullable(sni), preamble), po);
        SmtpProbeFacts smtp = null;
        if (ep.mode() == Mode.STARTTLS && tls != null) {
            smtp = new SmtpProbes(new InetSocketAddress(ep.address(), ep.port()), o.ehloName(), sni, o.step(),
                    Deadline.in(SCAN_LIMIT)).run();
        }
        return new Result(profile, smtp);
    }
}
