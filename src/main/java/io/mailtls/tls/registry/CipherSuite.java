package io.mailtls.tls.registry;

import java.util.Objects;
import java.util.Set;

/**
 * One row of the cipher suite registry.
 *
 * @param code           the code point: two bytes for SSLv3 to TLS 1.3, three bytes for an SSLv2 CIPHER-SPEC
 * @param ianaName       the IANA name (the contract's name for a suite)
 * @param opensslName    OpenSSL's name, or empty when OpenSSL has none
 * @param keyExchange    RSA, DH, DHE, ECDH, ECDHE, PSK, DHE_PSK, RSA_PSK, ECDHE_PSK, SRP, KRB5, ECCPWD, GOST,
 *                       NULL, or ANY (TLS 1.3)
 * @param authentication RSA, DSS, ECDSA, anon, PSK, SRP, KRB5, ECCPWD, GOST, NULL, or ANY (TLS 1.3)
 * @param encryption     the bulk cipher as in the IANA name, e.g. {@code AES_128_GCM}, {@code NULL}
 * @param bits           the encryption key size in bits (0 for NULL)
 * @param mac            AEAD, MD5, SHA1, SHA256, SHA384, GOST, or NULL
 * @param minProtocol    the first version the suite is defined for
 * @param maxProtocol    the last version the suite is defined for
 * @param flags          judgement-relevant properties
 */
public record CipherSuite(int code, String ianaName, String opensslName, String keyExchange, String authentication,
        String encryption, int bits, String mac, ProtocolVersion minProtocol, ProtocolVersion maxProtocol,
        Set<CipherFlag> flags) {

    public CipherSuite {
        Objects.requireNonNull(ianaName, "ianaName");
        opensslName = opensslName == null ? "" : opensslName;
        flags = Set.copyOf(flags);
    }

    /** Whether this is an SSLv2 CIPHER-SPEC (three-byte code). */
    public boolean isSslv2() {
        return minProtocol == ProtocolVersion.SSL_2;
    }

    /** Whether the suite carries a flag. */
    public boolean has(CipherFlag flag) {
        return flags.contains(flag);
    }

    /** Whether the suite is defined for this version (SCSVs never are: they are not suites). */
    public boolean definedFor(ProtocolVersion version) {
        return !has(CipherFlag.SCSV) && version.compareTo(minProtocol) >= 0 && version.compareTo(maxProtocol) <= 0;
    }

    /** The code as the registry prints it: {@code 0xC0,0x2F} or {@code 0x07,0x00,0xC0}. */
    public String hex() {
        return isSslv2()
                ? String.format("0x%02X,0x%02X,0x%02X", code >> 16 & 0xFF, code >> 8 & 0xFF, code & 0xFF)
                : String.format("0x%02X,0x%02X", code >> 8 & 0xFF, code & 0xFF);
    }
}
