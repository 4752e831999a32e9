package io.mailtls.tls.wire;

import static io.mailtls.tls.wire.Flights.certificate;
import static io.mailtls.tls.wire.Flights.concat;
import static io.mailtls.tls.wire.Flights.record;
import static io.mailtls.tls.wire.Flights.serverHello;
import static io.mailtls.tls.wire.Rfc8448.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerFlightReaderTest {
    private static final WireLimits LIMITS = WireLimits.DEFAULT;

    private static ServerResponse read(byte[] bytes) {
        return ServerFlightReader.read(bytes, LIMITS);
    }

    static byte[] tls12Flight() {
        byte[] hello = serverHello(0x0303, Flights.random(7), 0xC02F, 0, List.of(
                new Extension(ExtensionType.RENEGOTIATION_INFO, hex("00")),
                new Extension(ExtensionType.EC_POINT_FORMATS, hex("0100")),
                new Extension(ExtensionType.HEARTBEAT, hex("01"))));
        byte[] certs = certificate(hex("3082aaaa"), hex("3082bbbbcc"));
        // ServerHello and Certificate share a record; the key exchange is split across two records.
        byte[] ske = Flights.ecdheKeyExchange(0x0017);
        return concat(record(22, hello, certs), record(22, Arrays.copyOf(ske, 10)),
                record(22, Arrays.copyOfRange(ske, 10, ske.length), Flights.serverHelloDone()));
    }

    @Test
    void parsesTheRfc8448ServerHello() {
        var hello = (ServerResponse.Hello) read(hex(Rfc8448.SERVER_HELLO_RECORD));
        ServerHello sh = hello.serverHello();
        assertThat(sh.version()).isEqualTo(0x0304);
        assertThat(sh.legacyVersion()).isEqualTo(0x0303);
        assertThat(sh.cipherSuite()).isEqualTo(0x1301);
        assertThat(sh.cipherSuiteName()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(sh.keyShareGroup()).hasValue(0x001D);
        assertThat(sh.isHelloRetryRequest()).isFalse();
        assertThat(hello.complete()).isTrue();
        assertThat(hello.certificates()).isEmpty();
    }

    @Test
    void parsesAWholeTls12FlightAcrossRecords() {
        var hello = (ServerResponse.Hello) read(tls12Flight());
        assertThat(hello.complete()).isTrue();
        assertThat(hello.serverHello().version()).isEqualTo(0x0303);
        assertThat(hello.serverHello().cipherSuiteName()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(hello.serverHello().secureRenegotiation()).isTrue();
        assertThat(hello.serverHello().heartbeatMode()).hasValue(1);
        assertThat(hello.certificates()).hasSize(2);
        assertThat(hello.certificates().get(1)).isEqualTo(hex("3082bbbbcc"));
        assertThat(hello.keyExchange()).contains(new ServerKeyExchange.Ecdhe(3, 0x0017));
        assertThat(hello.messageTypes()).containsExactly(2, 11, 12, 14);
    }

    @Test
    void readsTheDhPrimeSizeOfADheSuite() {
        byte[] flight = concat(record(22, serverHello(0x0303, Flights.random(1), 0x009E, 0, List.of())),
                record(22, Flights.dheKeyExchange(128), Flights.serverHelloDone()));
        var hello = (ServerResponse.Hello) read(flight);
        assertThat(hello.keyExchange()).contains(new ServerKeyExchange.Dhe(1024, 2));
    }

    @Test
    void ssl3ServerHelloWithoutExtensionsAndNoRenegotiationInfo() {
        byte[] flight = record(22, serverHello(0x0300, Flights.random(3), 0x000A, 1, null), Flights.serverHelloDone());
        var hello = (ServerResponse.Hello) read(flight);
        assertThat(hello.serverHello().version()).isEqualTo(0x0300);
        assertThat(hello.serverHello().compressionMethod()).isEqualTo(1);
        assertThat(hello.serverHello().secureRenegotiation()).isFalse();
        assertThat(hello.serverHello().extensions()).isEmpty();
    }

    @Test
    void recognisesAHelloRetryRequest() {
        byte[] hrr = serverHello(0x0303, ServerHello.HELLO_RETRY_REQUEST_RANDOM, 0x1302, 0, List.of(
                new Extension(ExtensionType.SUPPORTED_VERSIONS, hex("0304")),
                new Extension(ExtensionType.KEY_SHARE, hex("0017")),
                new Extension(ExtensionType.COOKIE, hex("0003 616263"))));
        var retry = (ServerResponse.HelloRetry) read(record(22, hrr));
        assertThat(retry.request().isHelloRetryRequest()).isTrue();
        assertThat(retry.request().keyShareGroup()).hasValue(0x0017);
        assertThat(retry.request().version()).isEqualTo(0x0304);
    }

    @Test
    void namesAlertsAndSkipsAWarningBeforeTheHello() {
        var alert = (ServerResponse.Alert) read(hex("15 03 03 00 02 02 28"));
        assertThat(alert.fatal()).isTrue();
        assertThat(alert.descriptionName()).isEqualTo("handshake_failure");
        assertThat(alert).hasToString("fatal handshake_failure");
        assertThat(((ServerResponse.Alert) read(hex("15 03 01 00 02 02 46"))).descriptionName())
                .isEqualTo("protocol_version");

        byte[] warned = concat(hex("15 03 03 00 02 01 70"), tls12Flight());
        var hello = (ServerResponse.Hello) read(warned);
        assertThat(hello.warnings()).extracting(ServerResponse.Alert::descriptionName)
                .containsExactly("unrecognized_name");
        assertThat(hello.complete()).isTrue();
    }

    @Test
    void alertAfterServerHelloIsKeptWithTheHello() {
        byte[] flight = concat(record(22, serverHello(0x0303, Flights.random(2), 0x002F, 0, List.of())),
                hex("15 03 03 00 02 02 50"));
        var hello = (ServerResponse.Hello) read(flight);
        assertThat(hello.complete()).isFalse();
        assertThat(hello.closingAlert()).contains(new ServerResponse.Alert(2, 80));
    }

    @Test
    void closeAndNonTlsAnswersAreTyped() {
        assertThat(read(new byte[0])).isEqualTo(new ServerResponse.Closed(false, "closed before answering"));
        var text = (ServerResponse.NotTls) read("421 4.7.0 Too many connections\r\n".getBytes());
        assertThat(text.printable()).startsWith("421 4.7.0 Too many");
        assertThat(text.firstBytesHex()).startsWith("34323120");
        assertThat(read(hex("00 01 02"))).isInstanceOf(ServerResponse.NotTls.class);
    }

    @Test
    void truncatedRecordsAreMalformed() {
        byte[] flight = tls12Flight();
        for (int n = 1; n < flight.length; n++) {
            ServerResponse r = read(Arrays.copyOf(flight, n));
            assertThat(r).as("cut at %d", n).isInstanceOfAny(ServerResponse.Malformed.class,
                    ServerResponse.Hello.class);
            if (r instanceof ServerResponse.Hello h) {
                // A cut exactly between records still reveals the ServerHello, flagged incomplete.
                assertThat(h.complete()).as("cut at %d", n).isFalse();
            }
        }
        var m = (ServerResponse.Malformed) read(Arrays.copyOf(flight, 20));
        assertThat(m.reason()).contains("record truncated");
        assertThat(m.evidence()).startsWith("1603030");
    }

    @Test
    void oversizedRecordsAndMessagesAreRefusedBeforeReading() {
        var big = (ServerResponse.Malformed) read(hex("16 03 03 48 01"));
        assertThat(big.reason()).contains("record length 18433 exceeds 18432");
        byte[] hugeMessage = record(22, hex("0b 7f ff ff"));
        assertThat(((ServerResponse.Malformed) read(hugeMessage)).reason()).contains("handshake message type 11");
        var tiny = new WireLimits(Records.MAX_RECORD_LENGTH, 1024, 100, 4);
        assertThat(((ServerResponse.Malformed) ServerFlightReader.read(tls12Flight(), tiny)).reason())
                .contains("exceeds 100 bytes");
        byte[] manyCerts = record(22, serverHello(0x0303, Flights.random(2), 0x002F, 0, List.of()),
                certificate(hex("01"), hex("02"), hex("03"), hex("04"), hex("05")));
        assertThat(((ServerResponse.Malformed) ServerFlightReader.read(manyCerts,
                new WireLimits(Records.MAX_RECORD_LENGTH, 1024, 4096, 4))).reason()).contains("more than 4 certificates");
    }

    @Test
    void outOfOrderAndInconsistentMessagesAreMalformed() {
        assertThat(read(record(22, Flights.serverHelloDone()))).isInstanceOf(ServerResponse.Malformed.class);
        assertThat(read(record(23, hex("0102")))).isInstanceOf(ServerResponse.Malformed.class);
        assertThat(read(hex("16 02 00 00 01 00"))).isInstanceOf(ServerResponse.NotTls.class);
        assertThat(read(hex("16 03 03 00 00"))).isInstanceOf(ServerResponse.Malformed.class);
        byte[] badKeyShare = serverHello(0x0303, Flights.random(9), 0x1301, 0, List.of(
                new Extension(ExtensionType.SUPPORTED_VERSIONS, hex("0304")),
                new Extension(ExtensionType.KEY_SHARE, hex("001d 0020 00"))));
        assertThat(((ServerResponse.Malformed) read(record(22, badKeyShare))).reason()).contains("key_exchange");
        byte[] twice = serverHello(0x0303, Flights.random(9), 0x002F, 0, List.of(
                new Extension(ExtensionType.HEARTBEAT, hex("01")), new Extension(ExtensionType.HEARTBEAT, hex("01"))));
        assertThat(((ServerResponse.Malformed) read(record(22, twice))).reason()).contains("twice");
    }

    @Test
    void parsesSslv2ServerHelloAndError() {
        byte[] hello = hex("80 15 04 00 01 0002 0004 0006 0000 30820102 0700c0 010080");
        var v2 = (ServerResponse.Sslv2Hello) read(hello);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.certificate()).isEqualTo(hex("30820102"));
        assertThat(v2.cipherSpecs()).containsExactly(0x0700C0, 0x010080);
        assertThat(read(hex("80 03 00 0001"))).isEqualTo(new ServerResponse.Sslv2Error(1));
        assertThat(read(hex("80 14 04 00 01 0002 0004 0005 0000 30820102 0700c0 0100")))
                .isInstanceOf(ServerResponse.Malformed.class);
    }

    @Test
    void randomCorruptionNeverThrows() {
        byte[] original = tls12Flight();
        var random = new java.util.Random(5246);
        for (int i = 0; i < 5000; i++) {
            byte[] b = original.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            assertThat(read(b)).isNotNull();
        }
    }
}
