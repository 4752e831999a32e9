package io.mailtls.tls.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CipherSuitesTest {

    @Test
    void tableParsesAndCoversTheIanaRegistry() {
        assertThat(CipherSuites.all()).hasSizeGreaterThan(350);
        // Spot checks across the assigned ranges: first, last and newest blocks.
        for (int code : new int[] {0x0000, 0x001B, 0x001E, 0x0046, 0x0067, 0x006D, 0x0084, 0x00C5, 0x00C7, 0x00FF,
                0x1301, 0x1305, 0x5600, 0xC001, 0xC0AF, 0xC0B5, 0xC100, 0xC106, 0xCCA8, 0xCCAE, 0xD001, 0xD005}) {
            assertThat(CipherSuites.byCode(code)).as("0x%04X", code).isPresent();
        }
        // Reserved and unassigned code points stay unknown.
        assertThat(CipherSuites.byCode(0x001C)).isEmpty();
        assertThat(CipherSuites.byCode(0xD004)).isEmpty();
        assertThat(CipherSuites.byCode(0x0A0A)).isEmpty();
    }

    @Test
    void noCodePointOrNameRepeats() {
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (CipherSuite s : CipherSuites.all()) {
            assertThat(codes.add(s.hex())).as("code %s", s.hex()).isTrue();
            assertThat(names.add(s.ianaName())).as("name %s", s.ianaName()).isTrue();
        }
    }

    @Test
    void knownRowsCarryTheirAttributes() {
        CipherSuite gcm = CipherSuites.byCode(0xC02F).orElseThrow();
        assertThat(gcm.ianaName()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(gcm.opensslName()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(gcm.keyExchange()).isEqualTo("ECDHE");
        assertThat(gcm.authentication()).isEqualTo("RSA");
        assertThat(gcm.encryption()).isEqualTo("AES_128_GCM");
        assertThat(gcm.bits()).isEqualTo(128);
        assertThat(gcm.mac()).isEqualTo("AEAD");
        assertThat(gcm.minProtocol()).isEqualTo(ProtocolVersion.TLS_1_2);
        assertThat(gcm.flags()).containsExactly(CipherFlag.FS);

        CipherSuite des3 = CipherSuites.byCode(0x000A).orElseThrow();
        assertThat(des3.ianaName()).isEqualTo("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(des3.opensslName()).isEqualTo("DES-CBC3-SHA");
        assertThat(des3.flags()).containsExactlyInAnyOrder(CipherFlag.TRIPLE_DES, CipherFlag.CBC);
        assertThat(des3.bits()).isEqualTo(168);
        assertThat(des3.minProtocol()).isEqualTo(ProtocolVersion.SSL_3);

        CipherSuite rc4 = CipherSuites.byCode(0x0005).orElseThrow();
        assertThat(rc4.flags()).containsExactly(CipherFlag.RC4);
        assertThat(rc4.mac()).isEqualTo("SHA1");

        CipherSuite export = CipherSuites.byCode(0x0003).orElseThrow();
        assertThat(export.ianaName()).isEqualTo("TLS_RSA_EXPORT_WITH_RC4_40_MD5");
        assertThat(export.flags()).contains(CipherFlag.EXPORT, CipherFlag.RC4);
        assertThat(export.bits()).isEqualTo(40);
        assertThat(export.maxProtocol()).isEqualTo(ProtocolVersion.TLS_1_0);

        CipherSuite anon = CipherSuites.byCode(0x0034).orElseThrow();
        assertThat(anon.ianaName()).isEqualTo("TLS_DH_anon_WITH_AES_128_CBC_SHA");
        assertThat(anon.flags()).contains(CipherFlag.ANON).doesNotContain(CipherFlag.FS);

        CipherSuite nul = CipherSuites.byCode(0x0002).orElseThrow();
        assertThat(nul.ianaName()).isEqualTo("TLS_RSA_WITH_NULL_SHA");
        assertThat(nul.flags()).contains(CipherFlag.NULL);

        CipherSuite tls13 = CipherSuites.byCode(0x1301).orElseThrow();
        assertThat(tls13.ianaName()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(tls13.definedFor(ProtocolVersion.TLS_1_3)).isTrue();
        assertThat(tls13.definedFor(ProtocolVersion.TLS_1_2)).isFalse();

        assertThat(CipherSuites.byCode(0x00FF).orElseThrow().has(CipherFlag.SCSV)).isTrue();
        assertThat(CipherSuites.byCode(0x00FF).orElseThrow().definedFor(ProtocolVersion.TLS_1_2)).isFalse();
        assertThat(CipherSuites.byCode(0xC0AA).orElseThrow().ianaName()).isEqualTo("TLS_PSK_DHE_WITH_AES_128_CCM_8");
        assertThat(CipherSuites.byCode(0xCC14).orElseThrow().has(CipherFlag.NONSTANDARD)).isTrue();
    }

    @Test
    void sslv2CipherSpecsHaveThreeByteCodes() {
        assertThat(CipherSuites.sslv2()).hasSizeGreaterThanOrEqualTo(7);
        CipherSuite spec = CipherSuites.sslv2ByCode(0x0700C0).orElseThrow();
        assertThat(spec.ianaName()).isEqualTo("SSL_CK_DES_192_EDE3_CBC_WITH_MD5");
        assertThat(spec.hex()).isEqualTo("0x07,0x00,0xC0");
        assertThat(spec.isSslv2()).isTrue();
        assertThat(spec.flags()).contains(CipherFlag.TRIPLE_DES);
        assertThat(CipherSuites.sslv2ByCode(0x020080).orElseThrow().flags()).contains(CipherFlag.EXPORT);
        // The SSLv2 NULL spec (0x000000) does not shadow TLS_NULL_WITH_NULL_NULL (0x0000).
        assertThat(CipherSuites.byCode(0).orElseThrow().ianaName()).isEqualTo("TLS_NULL_WITH_NULL_NULL");
    }

    @Test
    void lookupByIanaAndOpensslName() {
        assertThat(CipherSuites.byName("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256").orElseThrow().code())
                .isEqualTo(0xCCA9);
        assertThat(CipherSuites.byName("ECDHE-ECDSA-CHACHA20-POLY1305").orElseThrow().code()).isEqualTo(0xCCA9);
        // DES-CBC3-SHA names a TLS suite and an SSLv2 spec; the TLS suite wins.
        assertThat(CipherSuites.byName("DES-CBC3-SHA").orElseThrow().code()).isEqualTo(0x000A);
        assertThat(CipherSuites.byName("NO_SUCH_SUITE")).isEmpty();
        assertThat(CipherSuites.nameOf(0xC030)).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(CipherSuites.nameOf(0x0A0A)).isEqualTo("0x0A,0x0A");
    }

    @Test
    void perVersionListsRespectTheProtocolRange() {
        assertThat(CipherSuites.definedFor(ProtocolVersion.TLS_1_3)).extracting(CipherSuite::code)
                .contains(0x1301, 0x1302, 0x1303, 0x1304, 0x1305).doesNotContain(0xC02F);
        assertThat(CipherSuites.definedFor(ProtocolVersion.TLS_1_0)).extracting(CipherSuite::code)
                .contains(0x002F, 0xC013, 0x0003).doesNotContain(0xC02F, 0x1301, 0x00FF);
        assertThat(CipherSuites.definedFor(ProtocolVersion.TLS_1_1)).extracting(CipherSuite::code)
                .doesNotContain(0x0003);
        assertThat(CipherSuites.definedFor(ProtocolVersion.SSL_2)).allMatch(CipherSuite::isSslv2);
    }

    @Test
    void everyRowIsInternallyConsistent() {
        for (CipherSuite s : CipherSuites.all()) {
            assertThat(s.minProtocol()).as(s.ianaName()).isLessThanOrEqualTo(s.maxProtocol());
            assertThat(s.isSslv2() ? s.code() <= 0xFFFFFF : s.code() <= 0xFFFF).as(s.ianaName()).isTrue();
            if (s.has(CipherFlag.NULL)) {
                assertThat(s.bits()).as(s.ianaName()).isZero();
            }
            if (s.keyExchange().equals("ECDHE") || s.keyExchange().equals("DHE")) {
                assertThat(s.has(CipherFlag.FS)).as(s.ianaName()).isTrue();
            }
            if (s.keyExchange().equals("RSA") && !s.isSslv2()) {
                assertThat(s.has(CipherFlag.FS)).as(s.ianaName()).isFalse();
            }
        }
    }
}
