package io.mailtls.lab.domain.mtasts;

/** How the lab's policy host answers for one domain: correctly, or with a fault a fetcher must survive. */
public enum PolicyFault {
    /** {@code 200}, {@code text/plain}, the policy text. */
    NONE,
    /** {@code 404 Not Found}: the TXT record promises a policy the host does not have. */
    NOT_FOUND,
    /** TLS and the request complete, then nothing: a fetcher without an overall deadline hangs. */
    STALL,
    /** {@code 200} with a 10 MB body and no length: a fetcher without a size limit fills its memory. */
    OVERSIZED
}
