package io.mailtls.tls.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherRegistriesTest {

    @Test
    void namedGroupsParseWithKindsAndSizes() {
        assertThat(NamedGroups.all()).hasSizeGreaterThan(50);
        assertThat(NamedGroups.byCode(0x001D).orElseThrow()).isEqualTo(
                new NamedGroup(0x001D, "x25519", NamedGroup.Kind.EC, 255, true));
        assertThat(NamedGroups.byName("ffdhe2048").orElseThrow().bits()).isEqualTo(2048);
        assertThat(NamedGroups.byName("ffdhe8192").orElseThrow().code()).isEqualTo(0x0104);
        assertThat(NamedGroups.byName("ffdhe3072").orElseThrow().kind()).isEqualTo(NamedGroup.Kind.FFDHE);
        assertThat(NamedGroups.byName("X25519MLKEM768").orElseThrow().code()).isEqualTo(4588);
        assertThat(NamedGroups.byCode(0x0017).orElseThrow().name()).isEqualTo("secp256r1");
        assertThat(NamedGroups.byCode(0x0016).orElseThrow().tls13()).isFalse();
        assertThat(NamedGroups.nameOf(0x1234)).isEqualTo("0x1234");
    }

    @Test
    void signatureSchemesParse() {
        assertThat(SignatureSchemes.byCode(0x0804).orElseThrow().name()).isEqualTo("rsa_pss_rsae_sha256");
        assertThat(SignatureSchemes.byName("ed25519").orElseThrow().code()).isEqualTo(0x0807);
        assertThat(SignatureSchemes.byName("rsa_pkcs1_sha1").orElseThrow().tls13()).isFalse();
        assertThat(SignatureSchemes.nameOf(0x0403)).isEqualTo("ecdsa_secp256r1_sha256");
    }

    @Test
    void alertDescriptionsParse() {
        assertThat(AlertDescriptions.all()).hasSizeGreaterThan(30);
        assertThat(AlertDescriptions.nameOf(40)).isEqualTo("handshake_failure");
        assertThat(AlertDescriptions.nameOf(70)).isEqualTo("protocol_version");
        assertThat(AlertDescriptions.nameOf(112)).isEqualTo("unrecognized_name");
        assertThat(AlertDescriptions.byName("close_notify").orElseThrow().code()).isZero();
        assertThat(AlertDescriptions.nameOf(250)).isEqualTo("unknown(250)");
    }

    @Test
    void protocolVersionsUseTheContractNamesAndMatchTheirTable() throws Exception {
        assertThat(ProtocolVersion.values()).extracting(ProtocolVersion::displayName)
                .containsExactly("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3");
        List<String> table = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/io/mailtls/tls/registry/protocol-versions.tsv"),
                StandardCharsets.UTF_8))) {
            in.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(table::add);
        }
        assertThat(table).containsExactly(List.of(ProtocolVersion.values()).stream()
                .map(v -> String.format("0x%04X\t%s", v.code(), v.displayName())).toArray(String[]::new));
        assertThat(ProtocolVersion.fromCode(0x0303)).contains(ProtocolVersion.TLS_1_2);
        assertThat(ProtocolVersion.fromName("TLSv1.3")).contains(ProtocolVersion.TLS_1_3);
        assertThat(ProtocolVersion.nameOf(0x7f1c)).isEqualTo("0x7f1c");
    }
}
