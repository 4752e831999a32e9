package io.mailtls.web;

import io.mailtls.audit.CheckReport;
import io.mailtls.audit.EndpointReport;
import io.mailtls.check.Finding;
import io.mailtls.delivery.DeliveryVerdict;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.facts.Outcome;
import io.mailtls.net.Endpoint;
import io.mailtls.net.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Joins the reports of a name's addresses, each checked as a literal, into the one report of the name: endpoints
 * carry the name again, findings are sorted worst first, and the delivery verdicts are those of the worst endpoint.
 */
final class ReportMerge {
    private ReportMerge() {
    }

    static CheckReport merge(Target target, Instant started, long millis, List<CheckReport> parts) {
        if (parts.size() == 1 && !target.endpointOnly()) {
            return parts.getFirst();
        }
        List<EndpointReport> endpoints = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Outcome outcome = null;
        CheckReport worst = null;
        for (CheckReport p : parts) {
            for (EndpointReport e : p.endpoints()) {
                endpoints.add(target.isIpLiteral() ? e : named(e, target.host()));
            }
            findings.addAll(p.findings());
            if (outcome == null || p.outcome().worst(outcome) != outcome) {
                outcome = p.outcome();
                worst = p;
            }
        }
        findings.sort(Comparator.comparing(Finding::severity).reversed());
        List<DeliveryVerdict> delivery = worst == null ? List.of() : worst.delivery();
        return new CheckReport(target.original(), started, millis, outcome == null ? Outcome.INCONCLUSIVE : outcome,
                findings, endpoints, delivery, null);
    }

    /** The endpoint under the name the visitor gave, at the address that was checked. */
    private static EndpointReport named(EndpointReport r, String host) {
        EndpointFacts f = r.facts();
        Endpoint e = f.endpoint();
        Endpoint withName = new Endpoint(host, e.address(), e.port(), e.mode(), e.mxPreference());
        return new EndpointReport(new EndpointFacts(withName, f.expectedName(), f.transcript(), f.smtp(), f.tls(),
                f.certificate(), f.failure(), f.afterTls(), f.probe(), f.smtpProbes()), r.verdict());
    }
}
