package io.mailtls.lab.tls;

import java.util.List;

/**
 * The protocol versions and cipher suites (JDK names, in server preference order) an endpoint
 * enables. Each profile is explicit, so relaxing the JDK's defaults for the legacy profiles never
 * leaks weak algorithms into the others.
 */
public enum TlsProfile {

    /** TLS 1.3 and 1.2 with forward-secret AEAD suites only: what a good mail server offers. */
    MODERN(List.of("TLSv1.3", "TLSv1.2"), List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"), false),

    /** TLS 1.0 and 1.1 only, with the ECDHE CBC suites those versions can use. */
    LEGACY_PROTOCOLS(List.of("TLSv1.1", "TLSv1"), List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), true),

    /**
     * TLS 1.2 with 3DES and static RSA key exchange suites only (no forward secrecy).
     * {@code SSL_RSA_WITH_3DES_EDE_CBC_SHA} is the JDK's name for IANA's TLS_RSA_WITH_3DES_EDE_CBC_SHA.
     * The JDK picks 3DES only when the client offers nothing else of this list, whatever the order
     * here, because {@code jdk.tls.legacyAlgorithms} ranks it last; the lab leaves that ranking alone.
     */
    STATIC_RSA(List.of("TLSv1.2"), List.of(
            "SSL_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA",
            "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384"), true);

    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final boolean legacy;

    TlsProfile(List<String> protocols, List<String> cipherSuites, boolean legacy) {
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
        this.legacy = legacy;
    }

    /** The enabled protocol versions, JDK names. */
    public List<String> protocols() {
        return protocols;
    }

    /** The enabled cipher suites, JDK names, most preferred first. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** Whether the JDK serves this profile only after {@link LegacyTls#enable()}. */
    public boolean needsLegacyTls() {
        return legacy;
    }

    /** The IANA name of a cipher suite the JDK reports under its historical {@code SSL_} name. */
    public static String ianaName(String jdkName) {
        return jdkName.startsWith("SSL_") ? "TLS_" + jdkName.substring(4) : jdkName;
    }
}
