package io.mailtls.audit;

import io.mailtls.check.Finding;
import io.mailtls.check.Severity;
import io.mailtls.delivery.DeliveryVerdict;
import io.mailtls.facts.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * The result of checking one target: the model every report format (text, JSON, HTML, JSONL) is written from.
 *
 * @param target    the target as given
 * @param startedAt when the check started
 * @param millis    how long it took
 * @param outcome   the worst endpoint outcome
 * @param findings  all findings, domain-level and per endpoint, worst first
 * @param endpoints every endpoint checked
 * @param delivery  what each kind of sender does
 * @param domain    the domain's DNS and policy facts, or null for a single-endpoint target
 */
public record CheckReport(String target, Instant startedAt, long millis, Outcome outcome, List<Finding> findings,
                          List<EndpointReport> endpoints, List<DeliveryVerdict> delivery,
                          io.mailtls.facts.DomainFacts domain) {
    public CheckReport {
        findings = List.copyOf(findings);
        endpoints = List.copyOf(endpoints);
        delivery = List.copyOf(delivery);
    }

    /** The worst severity of all findings. */
    public Severity worst() {
        return findings.stream().map(Finding::severity).reduce(Severity.OK, (a, b) -> b.worseThan(a) ? b : a);
    }

    /**
     * The contract's exit status: 2 when mail cannot travel over TLS, else 3 when we could not test, else 1 for a
     * MEDIUM or HIGH finding, else 0.
     */
    public int exitCode() {
        Severity w = worst();
        if (w == Severity.CRITICAL) {
            return 2;
        }
        if (outcome == Outcome.INCONCLUSIVE) {
            return 3;
        }
        return w.worseThan(Severity.LOW) ? 1 : 0;
    }
}
