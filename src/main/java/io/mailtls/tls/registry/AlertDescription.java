package io.mailtls.tls.registry;

/**
 * One row of the AlertDescription registry.
 *
 * @param code the one-byte code
 * @param name the RFC name, e.g. {@code handshake_failure}
 */
public record AlertDescription(int code, String name) {
}
