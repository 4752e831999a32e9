package io.mailtls.tls.wire;

import io.mailtls.tls.registry.NamedGroups;

/** What a TLS 1.2-or-earlier ServerKeyExchange reveals about the key exchange parameters. */
public sealed interface ServerKeyExchange {

    /**
     * Finite-field Diffie-Hellman parameters (RFC 5246 section 7.4.3).
     *
     * @param primeBits the bit length of the prime p
     * @param generator the generator g, when it fits an int (else -1)
     */
    record Dhe(int primeBits, int generator) implements ServerKeyExchange {
    }

    /**
     * Elliptic-curve parameters (RFC 8422 section 5.4).
     *
     * @param curveType 3 for named_curve; 1 or 2 for the deprecated explicit curves
     * @param group     the named curve's code, or -1 for explicit curves
     */
    record Ecdhe(int curveType, int group) implements ServerKeyExchange {
        /** The curve's IANA name, or {@code explicit}. */
        public String groupName() {
            return group < 0 ? "explicit" : NamedGroups.nameOf(group);
        }
    }

    /**
     * Temporary RSA key of an export suite (RFC 2246 section 7.4.3).
     *
     * @param modulusBits the bit length of the modulus
     */
    record RsaExport(int modulusBits) implements ServerKeyExchange {
    }

    /**
     * A ServerKeyExchange for a key exchange we do not decode (SRP, PSK alone, GOST...).
     *
     * @param length the body length
     */
    record Other(int length) implements ServerKeyExchange {
    }
}
