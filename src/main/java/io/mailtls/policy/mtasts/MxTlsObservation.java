package io.mailtls.policy.mtasts;

/**
 * What the endpoint checks saw on one MX host, reduced to what MTA-STS judges (RFC 8461 §4.2):
 * STARTTLS, TLS 1.2 or later, a chain to a trusted root, a certificate valid now and naming the MX.
 *
 * @param mxHost               the MX host name
 * @param reached              false when the host could not be tested at all (refused, timed out, throttled)
 * @param starttls             true when STARTTLS was offered and the handshake completed
 * @param protocol             the negotiated protocol ({@code "TLSv1.3"}, ...), or null
 * @param chainTrusted         true when the chain reaches a trusted root
 * @param certificateExpired   true when the leaf is expired or not yet valid
 * @param certificateMatchesMx true when the leaf names the MX host
 * @param evidence             one line for the report (alert, reply, names), may be empty
 */
public record MxTlsObservation(String mxHost, boolean reached, boolean starttls, String protocol,
                               boolean chainTrusted, boolean certificateExpired, boolean certificateMatchesMx,
                               String evidence) {
}
