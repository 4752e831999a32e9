package io.mailtls.tls.registry;

/**
 * One row of the TLS Supported Groups registry.
 *
 * @param code  the two-byte code point
 * @param name  the IANA name, e.g. {@code x25519}, {@code ffdhe2048}
 * @param kind  what sort of group it is
 * @param bits  field or prime size of the classical part; 0 for a pure KEM or explicit curves
 * @param tls13 whether TLS 1.3 permits the group
 */
public record NamedGroup(int code, String name, Kind kind, int bits, boolean tls13) {

    /** The families a group belongs to. */
    public enum Kind {
        EC, FFDHE, HYBRID, KEM, EXPLICIT
    }
}
