package io.mailtls.delivery;

/**
 * What one kind of sending server does with mail for this target.
 *
 * @param sender      the contract's sender profile ({@code opportunistic}, {@code mandatory-tls}, {@code verify},
 *                    {@code mta-sts}, {@code dane})
 * @param outcome     {@code encrypted-authenticated}, {@code encrypted-unauthenticated}, {@code plaintext},
 *                    {@code deferred}, {@code bounced}, or {@code unknown} when the endpoint could not be tested
 * @param tlsRpt      the RFC 8460 result type a reporting sender would use, or null
 * @param explanation why, in plain words, including what the sending user will see
 */
public record DeliveryVerdict(String sender, String outcome, String tlsRpt, String explanation) {
}
