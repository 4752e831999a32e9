package io.mailtls.lab.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LegacyTlsTest {

    @Test
    void legacyRelaxationLiftsOnlyWhatTheLabNeeds() {
        String jdk25 = "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, "
                + "3DES_EDE_CBC, anon, NULL, ECDH, TLS_RSA_*, rsa_pkcs1_sha1 usage HandshakeSignature, "
                + "ecdsa_sha1 usage HandshakeSignature, dsa_sha1 usage HandshakeSignature";
        assertThat(List.of(LegacyTls.relax(jdk25).split(", "))).containsExactly("SSLv3", "DTLSv1.0", "RC4", "DES",
                "MD5withRSA", "DH keySize < 1024", "EC keySize < 224", "anon", "NULL", "ECDH");
    }

    @Test
    void enablingMakesTheRunningTlsStackServeLegacy() {
        // Holds only if enable() ran before the first TLS use in this JVM, which the
        // io.mailtls.lab.LegacyTlsSessionListener guarantees when registered.
        assertThat(LegacyTls.enable()).as("LegacyTls.enable() came too late in this JVM").isTrue();
        assertThat(LegacyTls.isActive()).isTrue();
    }
}
