package io.mailtls.tls.registry;

/**
 * One row of the SignatureScheme registry (also the TLS 1.2 hash/signature pairs).
 *
 * @param code  the two-byte code point
 * @param name  the IANA name, e.g. {@code rsa_pss_rsae_sha256}
 * @param tls13 whether TLS 1.3 permits it in signature_algorithms
 */
public record SignatureScheme(int code, String name, boolean tls13) {
}
