package io.mailtls.check;

import io.mailtls.facts.Outcome;
import java.util.List;

/**
 * The judgement of one endpoint.
 *
 * @param findings every finding, worst first
 * @param outcome  the contract's endpoint outcome
 */
public record EndpointVerdict(List<Finding> findings, Outcome outcome) {
    public EndpointVerdict {
        findings = List.copyOf(findings);
    }

    /** The worst severity among the findings (OK when there are none). */
    public Severity worst() {
        return findings.stream().map(Finding::severity).reduce(Severity.OK, (a, b) -> b.worseThan(a) ? b : a);
    }
}
