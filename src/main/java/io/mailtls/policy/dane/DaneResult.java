package io.mailtls.policy.dane;

/**
 * DANE for one MX host: the DNS facts and, when a chain was obtained, the match against it.
 *
 * @param facts the TLSA lookup and its verdict
 * @param match the match against the served chain, or null when no chain was obtained
 */
public record DaneResult(DaneFacts facts, DaneMatch match) {
}
