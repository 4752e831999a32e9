package io.mailtls.policy.mtasts;

/** How a policy fetch ended (RFC 8461 §3.3); every failure leaves senders without a fresh policy. */
public enum FetchStatus {
    OK("policy fetched"),
    DNS_FAILURE("the policy host has no address"),
    CONNECT_FAILED("no connection to the policy host"),
    TIMEOUT("the policy host did not answer in time"),
    TLS_FAILED("the TLS handshake with the policy host failed"),
    CERT_UNTRUSTED("the policy host's certificate is not trusted"),
    CERT_EXPIRED("the policy host's certificate is expired or not yet valid"),
    CERT_NAME_MISMATCH("the policy host's certificate does not name it"),
    REDIRECT("the policy host answered with a redirect, which senders must not follow"),
    HTTP_ERROR("the policy host answered with an HTTP status other than 200"),
    WRONG_MEDIA_TYPE("the policy is not served as text/plain"),
    TOO_LARGE("the policy is larger than the limit senders apply"),
    MALFORMED_RESPONSE("the policy host's HTTP response is malformed");

    private final String meaning;

    FetchStatus(String meaning) {
        this.meaning = meaning;
    }

    /** One sentence for reports. */
    public String meaning() {
        return meaning;
    }

    /** The RFC 8460 result type a reporting sender would use for this failure. */
    public String tlsRptResultType() {
        return switch (this) {
            case OK -> null;
            case CERT_UNTRUSTED, CERT_EXPIRED, CERT_NAME_MISMATCH -> "sts-webpki-invalid";
            default -> "sts-policy-fetch-error";
        };
    }
}
