package io.mailtls.tls.registry;

import java.util.Optional;

/** A protocol version mailtls can probe, with its wire code and the contract's name. */
public enum ProtocolVersion {
    SSL_2(0x0002, "SSLv2"),
    SSL_3(0x0300, "SSLv3"),
    TLS_1_0(0x0301, "TLSv1.0"),
    TLS_1_1(0x0302, "TLSv1.1"),
    TLS_1_2(0x0303, "TLSv1.2"),
    TLS_1_3(0x0304, "TLSv1.3");

    private final int code;
    private final String displayName;

    ProtocolVersion(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The two-byte value on the wire (for SSLv2 the CLIENT-HELLO's version field). */
    public int code() {
        return code;
    }

    /** The contract's name: {@code SSLv2}, {@code SSLv3}, {@code TLSv1.0} ... {@code TLSv1.3}. */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }

    /** The version with this wire code, if it is one we know. */
    public static Optional<ProtocolVersion> fromCode(int code) {
        for (ProtocolVersion v : values()) {
            if (v.code == code) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The version with this contract name. */
    public static Optional<ProtocolVersion> fromName(String name) {
        for (ProtocolVersion v : values()) {
            if (v.displayName.equals(name)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** A wire code as a name, also for codes we do not know (e.g. {@code 0x7f1c}). */
    public static String nameOf(int code) {
        return fromCode(code).map(ProtocolVersion::displayName).orElse(String.format("0x%04x", code));
    }

    /** Whether this version is at least {@code other}. */
    public boolean atLeast(ProtocolVersion other) {
        return compareTo(other) >= 0;
    }
}
