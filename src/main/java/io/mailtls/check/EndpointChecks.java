package io.mailtls.check;

import io.mailtls.facts.EndpointFacts;
import io.mailtls.facts.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every endpoint check over the facts of one endpoint and decides its outcome. */
public final class EndpointChecks {
    private EndpointChecks() {
    }

    /** Findings (attached to the endpoint, worst first) and the outcome. */
    public static EndpointVerdict judge(EndpointFacts f) {
        List<Finding> out = new ArrayList<>();
        if (f.failure() != null) {
            out.add(ReachabilityChecks.of(f.failure()));
        }
        out.addAll(SmtpChecks.check(f.smtp()));
        if (f.probe() == null) {
            out.addAll(TlsChecks.check(f.tls()));
        } else {
            // The deep probe knows every protocol and suite; the negotiated session adds only its summary line.
            TlsChecks.check(f.tls()).stream().filter(x -> x.id().equals("TLS_NEGOTIATED")).forEach(out::add);
        }
        if (f.probe() != null || f.smtpProbes() != null) {
            out.addAll(ProbeChecks.check(f.probe(), f.smtpProbes()));
        }
        if (f.certificate() != null) {
            out.addAll(CertificateChecks.check(f.certificate()));
        } else if (f.tls() != null) {
            out.add(new Finding("CERT_NONE", Severity.HIGH, "The server sent no certificate",
                    "The handshake completed with " + f.tls().cipher() + " and no certificate, so the server cannot be authenticated.",
                    "Configure a certificate and disable anonymous suites.", null));
        }
        if (f.afterTls() != null) {
            out.add(ReachabilityChecks.of(f.afterTls()));
        }
        String at = f.endpoint().hostPort();
        List<Finding> attached = out.stream().map(x -> x.at(at))
                .sorted(Comparator.comparing(Finding::severity).reversed()).toList();
        return new EndpointVerdict(attached, outcome(f, attached));
    }

    private static Outcome outcome(EndpointFacts f, List<Finding> findings) {
        if (f.failure() != null) {
            return f.failure().inconclusive() ? Outcome.INCONCLUSIVE : Outcome.NO_TLS;
        }
        boolean critical = findings.stream().anyMatch(x -> x.severity() == Severity.CRITICAL);
        if (critical || !f.tlsEstablished()) {
            return Outcome.NO_TLS;
        }
        boolean weak = findings.stream().anyMatch(x -> x.severity().worseThan(Severity.LOW));
        return weak ? Outcome.TLS_WEAK : Outcome.TLS_OK;
    }
}
