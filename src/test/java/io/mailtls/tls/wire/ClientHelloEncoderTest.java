package io.mailtls.tls.wire;

import static io.mailtls.tls.wire.Rfc8448.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

class ClientHelloEncoderTest {

    static ClientHello rfc8448Hello() {
        return ClientHello.builder()
                .random(hex(Rfc8448.CLIENT_RANDOM))
                .cipherSuites(List.of(0x1301, 0x1303, 0x1302))
                .serverName("server")
                .renegotiationInfo()
                .supportedGroups(List.of(0x1d, 0x17, 0x18, 0x19, 0x100, 0x101, 0x102, 0x103, 0x104))
                .extension(ExtensionType.SESSION_TICKET, new byte[0])
                .keyShares(List.of(new KeyShareEntry(0x1d, hex(Rfc8448.CLIENT_X25519_PUBLIC))))
                .supportedVersions(List.of(0x0304))
                .signatureAlgorithms(List.of(0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805, 0x0806, 0x0401,
                        0x0501, 0x0601, 0x0201, 0x0402, 0x0502, 0x0602, 0x0202))
                .pskKeyExchangeModes(List.of(1))
                .extension(0x1c, hex("4001"))
                .build();
    }

    @Test
    void reproducesTheRfc8448ClientHelloByteForByte() {
        ClientHello hello = rfc8448Hello();
        assertThat(ClientHelloEncoder.handshakeMessage(hello)).isEqualTo(hex(Rfc8448.CLIENT_HELLO));
        byte[] records = ClientHelloEncoder.records(hello);
        assertThat(records).startsWith(hex("16 03 01 00 c4"));
        assertThat(records).hasSize(5 + 0xc4);
    }

    @Test
    void ssl3HelloWithoutExtensionsOmitsTheBlock() {
        ClientHello hello = ClientHello.builder().recordVersion(0x0300).legacyVersion(0x0300)
                .random(new byte[32]).cipherSuites(List.of(0x000A, 0x00FF)).build();
        byte[] expected = hex("01 00 00 2b 03 00" + "00".repeat(32) + "00 0004 000a 00ff 01 00");
        assertThat(ClientHelloEncoder.handshakeMessage(hello)).isEqualTo(expected);
        assertThat(ClientHelloEncoder.records(hello)).startsWith(hex("16 03 00 00 2f"));
    }

    @Test
    void extensionHelpersEncodeTheirRfcLayouts() {
        ClientHello hello = ClientHello.builder().random(new byte[32])
                .ecPointFormats().heartbeat(1).alpn(List.of("smtp")).compressionMethods(List.of(1, 0)).build();
        assertThat(hello.extensions()).containsExactly(
                new Extension(ExtensionType.EC_POINT_FORMATS, hex("0100")),
                new Extension(ExtensionType.HEARTBEAT, hex("01")),
                new Extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, hex("0005 04 736d7470")));
        byte[] message = ClientHelloEncoder.handshakeMessage(hello);
        // compression methods vector "02 01 00" follows the empty suite list "00 00" and empty session id.
        assertThat(message).containsSequence(hex("00 00 00 02 01 00"));
    }

    @Test
    void paddingLiftsHellosBetween256And511BytesTo512() {
        List<Integer> suites = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            suites.add(0xC000 + i);
        }
        ClientHello unpadded = ClientHello.builder().cipherSuites(suites).serverName("mx.example").build();
        int before = ClientHelloEncoder.handshakeMessage(unpadded).length;
        assertThat(before).isBetween(256, 511);
        ClientHello padded = ClientHello.builder().cipherSuites(suites).serverName("mx.example").padding(true).build();
        assertThat(ClientHelloEncoder.handshakeMessage(padded).length).isEqualTo(512);
        assertThat(padded.extensions().getLast().type()).isEqualTo(ExtensionType.PADDING);

        ClientHello small = ClientHello.builder().cipherSuites(List.of(0x1301)).padding(true).build();
        assertThat(small.extensions()).isEmpty();
    }

    @Test
    void hugeHellosAreSplitIntoRecordsThatReassemble() {
        List<Integer> suites = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            suites.add(i);
        }
        ClientHello hello = ClientHello.builder().cipherSuites(suites).build();
        byte[] records = ClientHelloEncoder.records(hello);
        assertThat(records[3] << 8 & 0xFF00 | records[4] & 0xFF).isEqualTo(ClientHelloEncoder.MAX_FRAGMENT);
        var parsed = (ClientHelloParse.Parsed) ClientHelloParser.parseRecords(records);
        assertThat(parsed.hello().cipherSuites()).isEqualTo(suites);
        assertThat(parsed.consumed()).isEqualTo(records.length);
    }

    @Test
    void sslv2ClientHelloHasTheTwoByteHeaderLayout() {
        byte[] challenge = hex("000102030405060708090a0b0c0d0e0f");
        byte[] bytes = Sslv2ClientHello.encode(List.of(0x0700C0, 0x010080), challenge);
        assertThat(bytes).isEqualTo(hex("80 1f 01 0002 0006 0000 0010 0700c0 010080 000102030405060708090a0b0c0d0e0f"));
    }

    @Test
    void x25519KeyShareIsAPublicKeyTheJdkCanAgreeWith() throws Exception {
        byte[] u = KeyShares.generate(0x1d).orElseThrow().keyExchange();
        assertThat(u).hasSize(32);
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = u[31 - i];
        }
        var publicKey = KeyFactory.getInstance("XDH")
                .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(KeyPairGenerator.getInstance("X25519").generateKeyPair().getPrivate());
        agreement.doPhase(publicKey, true);
        assertThat(agreement.generateSecret()).hasSize(32).isNotEqualTo(new byte[32]);
    }

    @Test
    void secp256r1KeyShareIsAnUncompressedPointOnTheCurve() throws Exception {
        byte[] point = KeyShares.generate(0x17).orElseThrow().keyExchange();
        assertThat(point).hasSize(65);
        assertThat(point[0]).isEqualTo((byte) 4);
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var ours = generator.generateKeyPair();
        var params = ((ECPublicKey) ours.getPublic()).getParams();
        var w = new ECPoint(new BigInteger(1, java.util.Arrays.copyOfRange(point, 1, 33)),
                new BigInteger(1, java.util.Arrays.copyOfRange(point, 33, 65)));
        var peer = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params));
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(ours.getPrivate());
        // ECDH validates that the peer's point lies on the curve.
        agreement.doPhase(peer, true);
        assertThat(agreement.generateSecret()).hasSize(32);
        assertThat(KeyShares.generate(0x18).orElseThrow().keyExchange()).hasSize(97);
        assertThat(KeyShares.generate(0x0100)).isEmpty();
    }
}
