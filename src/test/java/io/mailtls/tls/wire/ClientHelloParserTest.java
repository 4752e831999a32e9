package io.mailtls.tls.wire;

import static io.mailtls.tls.wire.Rfc8448.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.tls.registry.ProtocolVersion;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientHelloParserTest {

    @Test
    void readsWhatTheRfc8448ClientOffers() {
        var parsed = (ClientHelloParse.Parsed) ClientHelloParser.parseMessage(hex(Rfc8448.CLIENT_HELLO));
        ClientHelloInfo hello = parsed.hello();
        assertThat(hello.legacyVersion()).isEqualTo(0x0303);
        assertThat(hello.supportedVersions()).containsExactly(0x0304);
        assertThat(hello.offeredVersions()).containsExactly(ProtocolVersion.TLS_1_3);
        assertThat(hello.cipherSuites()).containsExactly(0x1301, 0x1303, 0x1302);
        assertThat(hello.serverName()).contains("server");
        assertThat(hello.supportedGroups()).startsWith(0x1d, 0x17, 0x18, 0x19).contains(0x104);
        assertThat(hello.keyShareGroups()).containsExactly(0x1d);
        assertThat(hello.signatureAlgorithms()).hasSize(15).startsWith(0x0403);
        assertThat(hello.extensionTypes()).containsExactly(0, 0xff01, 10, 35, 51, 43, 13, 45, 28);
    }

    @Test
    void readsAlpnAndLegacyVersionsFromRecords() {
        ClientHello hello = ClientHello.builder().legacyVersion(0x0302).cipherSuites(List.of(0x002F, 0x0035))
                .alpn(List.of("smtp", "h2")).build();
        byte[] records = ClientHelloEncoder.records(hello);
        byte[] withTrailer = Arrays.copyOf(records, records.length + 7);
        var parsed = (ClientHelloParse.Parsed) ClientHelloParser.parseRecords(withTrailer);
        assertThat(parsed.consumed()).isEqualTo(records.length);
        assertThat(parsed.hello().recordVersion()).isEqualTo(0x0301);
        assertThat(parsed.hello().alpn()).containsExactly("smtp", "h2");
        assertThat(parsed.hello().offeredVersions())
                .containsExactly(ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0, ProtocolVersion.SSL_3);
        assertThat(parsed.hello().serverName()).isEmpty();
    }

    @Test
    void everyPrefixIsIncompleteNeverAnError() {
        byte[] records = ClientHelloEncoder.records(ClientHelloEncoderTest.rfc8448Hello());
        for (int n = 0; n < records.length; n++) {
            assertThat(ClientHelloParser.parseRecords(Arrays.copyOf(records, n))).as("prefix %d", n)
                    .isInstanceOf(ClientHelloParse.Incomplete.class);
        }
    }

    @Test
    void lyingLengthsAndForeignBytesAreMalformed() {
        assertThat(ClientHelloParser.parseRecords("EHLO mail.example\r\n".getBytes()))
                .isInstanceOf(ClientHelloParse.Malformed.class);
        assertThat(ClientHelloParser.parseRecords(hex("80 2e 01 0301 0015")))
                .isInstanceOfSatisfying(ClientHelloParse.Malformed.class,
                        m -> assertThat(m.reason()).contains("SSLv2"));
        byte[] message = hex(Rfc8448.CLIENT_HELLO);
        message[39] = 0x7f; // cipher_suites length (bytes 39-40) now runs past the end
        assertThat(ClientHelloParser.parseMessage(message)).isInstanceOf(ClientHelloParse.Malformed.class);
        assertThat(ClientHelloParser.parseRecords(hex("16 03 01 48 01"))).isInstanceOf(ClientHelloParse.Malformed.class);
        assertThat(ClientHelloParser.parseRecords(hex("16 03 01 00 04 02 00 00 00")))
                .isInstanceOf(ClientHelloParse.Malformed.class);
    }

    @Test
    void randomCorruptionNeverThrows() {
        byte[] original = ClientHelloEncoder.records(ClientHelloEncoderTest.rfc8448Hello());
        var random = new java.util.Random(8448);
        for (int i = 0; i < 5000; i++) {
            byte[] b = original.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            assertThat(ClientHelloParser.parseRecords(b)).isNotNull();
        }
    }
}
