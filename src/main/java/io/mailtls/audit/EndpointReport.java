package io.mailtls.audit;

import io.mailtls.check.EndpointVerdict;
import io.mailtls.facts.EndpointFacts;

/**
 * One endpoint's facts and their judgement.
 *
 * @param facts   what was observed
 * @param verdict findings and outcome
 */
public record EndpointReport(EndpointFacts facts, EndpointVerdict verdict) {
}
