package io.mailtls.lab.domain.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import io.mailtls.dns.DnsAnswer;
import io.mailtls.dns.DnsClient;
import io.mailtls.dns.DnsConfig;
import io.mailtls.dns.DnsOutcome;
import io.mailtls.dns.DnssecStatus;
import io.mailtls.dns.MxRecord;
import io.mailtls.dns.TlsaRdata;
import io.mailtls.dns.TrustAnchors;
import io.mailtls.dns.TxtRecord;

/** The lab DNS server judged by the project's validating client, trusting only the lab's anchor. */
class LabDnsTest {

    static final String HASH = "8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1";
    static final String BIG = "x".repeat(3000);

    static LabZone zone;
    static LabDns dns;
    static DnsClient client;

    @BeforeAll
    static void start() throws Exception {
        zone = LabZone.builder("lab.test")
                .mx("lab.test", 10, "mx1.lab.test")
                .address("mx1.lab.test", InetAddress.getByName("127.0.0.10"))
                .tlsa("_25._tcp.mx1.lab.test", 3, 1, 1, HexFormat.of().parseHex(HASH))
                .txt("big.lab.test", BIG)
                .mx("insecure.lab.test", 10, "mx.insecure.lab.test")
                .address("mx.insecure.lab.test", InetAddress.getByName("127.0.0.11"))
                .unsignedDelegation("insecure.lab.test")
                .mx("bogus.lab.test", 10, "mx.bogus.lab.test")
                .address("mx.bogus.lab.test", InetAddress.getByName("127.0.0.12"))
                .bogus("bogus.lab.test", LabZone.Breakage.EXPIRED_SIGNATURES)
                .txt("corrupt.lab.test", "v=spf1 -all")
                .bogus("corrupt.lab.test", LabZone.Breakage.CORRUPT_SIGNATURES)
                .build();
        dns = LabDns.start(zone, LabDnsConfig.defaults());
        client = DnsClient.create(new DnsConfig(Optional.of(dns.address()), Duration.ofSeconds(3),
                TrustAnchors.fromFile(dns.trustAnchorFile())));
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void theAnchorFileHoldsOneDsRecordForTheApexWithAlgorithm13() {
        TrustAnchors anchors = TrustAnchors.fromFile(dns.trustAnchorFile());

        assertThat(anchors.anchors()).singleElement().asString().startsWith("lab.test. DS ").contains(" 13 2 ");
        assertThat(dns.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void signedDataIsSecure() {
        DnsAnswer<MxRecord> mx = client.mx("lab.test");
        DnsAnswer<TlsaRdata> tlsa = client.tlsa("_25._tcp.mx1.lab.test");

        assertThat(mx.outcome()).isEqualTo(DnsOutcome.ANSWER);
        assertThat(mx.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(mx.records()).containsExactly(new MxRecord(10, "mx1.lab.test"));
        assertThat(tlsa.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(HexFormat.of().formatHex(tlsa.records().getFirst().data())).isEqualTo(HASH);
        assertThat(client.address("mx1.lab.test", false).records()).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.10");
    }

    @Test
    void nxdomainAndNodataAreProvenSecure() {
        DnsAnswer<InetAddress> nx = client.address("nope.lab.test", false);
        DnsAnswer<TlsaRdata> nxDeep = client.tlsa("_25._tcp.nothere.lab.test");
        DnsAnswer<InetAddress> nodata = client.address("mx1.lab.test", true);
        DnsAnswer<TxtRecord> emptyNonTerminal = client.txt("_tcp.mx1.lab.test");
        DnsAnswer<TxtRecord> beyondTheLast = client.txt("zzz.lab.test");

        assertThat(nx.outcome()).isEqualTo(DnsOutcome.NXDOMAIN);
        assertThat(nx.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(nxDeep.outcome()).isEqualTo(DnsOutcome.NXDOMAIN);
        assertThat(nxDeep.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(nodata.outcome()).isEqualTo(DnsOutcome.NODATA);
        assertThat(nodata.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(emptyNonTerminal.outcome()).isEqualTo(DnsOutcome.NODATA);
        assertThat(emptyNonTerminal.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(beyondTheLast.outcome()).isEqualTo(DnsOutcome.NXDOMAIN);
        assertThat(beyondTheLast.dnssec()).isEqualTo(DnssecStatus.SECURE);
    }

    @Test
    void anAnswerTooLargeForUdpArrivesOverTcpAndIsSecure() {
        long tcpBefore = dns.tcpQueries();
        long truncatedBefore = dns.truncatedResponses();

        DnsAnswer<TxtRecord> big = client.txt("big.lab.test");

        assertThat(big.outcome()).isEqualTo(DnsOutcome.ANSWER);
        assertThat(big.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(big.records().getFirst().octets()).isEqualTo(BIG.length());
        assertThat(dns.truncatedResponses()).isGreaterThan(truncatedBefore);
        assertThat(dns.tcpQueries()).isGreaterThan(tcpBefore);
    }

    @Test
    void theUnsignedDelegationIsInsecure() {
        DnsAnswer<MxRecord> mx = client.mx("insecure.lab.test");
        DnsAnswer<InetAddress> nx = client.address("nope.insecure.lab.test", false);

        assertThat(mx.outcome()).isEqualTo(DnsOutcome.ANSWER);
        assertThat(mx.dnssec()).isEqualTo(DnssecStatus.INSECURE);
        assertThat(mx.records()).containsExactly(new MxRecord(10, "mx.insecure.lab.test"));
        assertThat(nx.outcome()).isEqualTo(DnsOutcome.NXDOMAIN);
        assertThat(nx.dnssec()).isEqualTo(DnssecStatus.INSECURE);
    }

    @Test
    void expiredSignaturesAreBogusAndSaySo() {
        DnsAnswer<MxRecord> mx = client.mx("bogus.lab.test");
        DnsAnswer<InetAddress> nx = client.address("nope.bogus.lab.test", false);

        assertThat(mx.dnssec()).isEqualTo(DnssecStatus.BOGUS);
        assertThat(mx.records()).containsExactly(new MxRecord(10, "mx.bogus.lab.test"));
        assertThat(mx.dnssecReason()).contains("expired");
        assertThat(nx.dnssec()).isEqualTo(DnssecStatus.BOGUS);
        // Outside the bogus subtree everything stays secure.
        assertThat(client.mx("lab.test").dnssec()).isEqualTo(DnssecStatus.SECURE);
    }

    @Test
    void corruptSignaturesAreBogus() {
        DnsAnswer<TxtRecord> txt = client.txt("corrupt.lab.test");

        assertThat(txt.dnssec()).isEqualTo(DnssecStatus.BOGUS);
        assertThat(txt.records()).extracting(TxtRecord::text).containsExactly("v=spf1 -all");
    }

    @Test
    void aPresignedLabSignsEverythingAtStartAndAnswersAlike() throws Exception {
        try (LabDns presigned = LabDns.start(zone, LabDnsConfig.defaults().withPresign(true));
             DnsClient c = DnsClient.create(new DnsConfig(Optional.of(presigned.address()), Duration.ofSeconds(3),
                     TrustAnchors.fromFile(presigned.trustAnchorFile())))) {
            int atStart = presigned.signaturesMade();
            assertThat(atStart).as("every RRset of the signed zone, NSECs included").isGreaterThan(20);

            assertThat(c.mx("lab.test").dnssec()).isEqualTo(DnssecStatus.SECURE);
            assertThat(c.tlsa("_25._tcp.mx1.lab.test").dnssec()).isEqualTo(DnssecStatus.SECURE);
            DnsAnswer<InetAddress> nx = c.address("nope.lab.test", false);
            assertThat(nx.outcome()).isEqualTo(DnsOutcome.NXDOMAIN);
            assertThat(nx.dnssec()).isEqualTo(DnssecStatus.SECURE);
            assertThat(c.mx("insecure.lab.test").dnssec()).isEqualTo(DnssecStatus.INSECURE);
            assertThat(presigned.signaturesMade()).as("valid answers only look signatures up").isEqualTo(atStart);

            assertThat(c.mx("bogus.lab.test").dnssec()).isEqualTo(DnssecStatus.BOGUS);
            assertThat(c.txt("corrupt.lab.test").dnssec()).isEqualTo(DnssecStatus.BOGUS);
        }
    }

    @Test
    void namesOutsideTheZoneAreRefused() {
        assertThat(client.mx("example.com").outcome()).isEqualTo(DnsOutcome.REFUSED);
    }

    @Test
    void plainUdpGetsTruncationAndTcpGetsTheWholeAnswer() throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString("big.lab.test."), Type.TXT, DClass.IN));
        var resolver = new SimpleResolver(dns.address());
        resolver.setIgnoreTruncation(true);
        resolver.setTimeout(Duration.ofSeconds(3));

        Message udp = resolver.send(query);

        assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(udp.getSection(Section.ANSWER)).isEmpty();
        resolver.setTCP(true);
        Message tcp = resolver.send(query);
        assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(tcp.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(tcp.getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void withoutTheDoBitNoSignaturesAreSent() throws Exception {
        var resolver = new SimpleResolver(dns.address());
        resolver.setTimeout(Duration.ofSeconds(3));
        resolver.setEDNS(0, 1232, 0, java.util.List.of());
        Message plain = resolver.send(Message.newQuery(
                Record.newRecord(Name.fromString("lab.test."), Type.MX, DClass.IN)));
        resolver.setEDNS(0, 1232, ExtendedFlags.DO, java.util.List.of());
        Message dnssec = resolver.send(Message.newQuery(
                Record.newRecord(Name.fromString("lab.test."), Type.MX, DClass.IN)));

        assertThat(plain.getSection(Section.ANSWER)).extracting(Record::getType).containsExactly(Type.MX);
        assertThat(dnssec.getSection(Section.ANSWER)).extracting(Record::getType)
                .containsExactlyInAnyOrder(Type.MX, Type.RRSIG);
        OPTRecord opt = dnssec.getOPT();
        assertThat(opt.getFlags() & ExtendedFlags.DO).isNotZero();
    }

    @Test
    void garbageGetsFormErrAndResponsesGetNothing() throws Exception {
        try (var socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(3_000);
            // A header (id 0x1234, a query) followed by a question that is cut off.
            byte[] garbage = {0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, 'a', 'b'};
            socket.send(new DatagramPacket(garbage, garbage.length, dns.address()));
            Message formErr = receive(socket);
            assertThat(formErr.getHeader().getID()).isEqualTo(0x1234);
            assertThat(formErr.getRcode()).isEqualTo(Rcode.FORMERR);

            // A response (QR set) must not be answered: the next datagram we get belongs to the query after it.
            Message response = Message.newQuery(Record.newRecord(Name.fromString("lab.test."), Type.MX, DClass.IN));
            response.getHeader().setID(0x4242);
            response.getHeader().setFlag(Flags.QR);
            byte[] wire = response.toWire();
            socket.send(new DatagramPacket(wire, wire.length, dns.address()));
            Message query = Message.newQuery(Record.newRecord(Name.fromString("lab.test."), Type.SOA, DClass.IN));
            query.getHeader().setID(0x4343);
            byte[] queryWire = query.toWire();
            socket.send(new DatagramPacket(queryWire, queryWire.length, dns.address()));
            Message answer = receive(socket);
            assertThat(answer.getHeader().getID()).isEqualTo(0x4343);
            assertThat(answer.getSection(Section.ANSWER)).extracting(Record::getType).containsExactly(Type.SOA);
        }
    }

    @Test
    void tcpAnswersSeveralQueriesInOrderAndDropsAnOversizedOne() throws Exception {
        try (var socket = new java.net.Socket()) {
            socket.connect(dns.address(), 3_000);
            socket.setSoTimeout(5_000);
            var out = new java.io.DataOutputStream(socket.getOutputStream());
            var in = new java.io.DataInputStream(socket.getInputStream());
            for (int id : new int[] {7, 8}) {
                Message query = Message.newQuery(Record.newRecord(Name.fromString("lab.test."), Type.SOA, DClass.IN));
                query.getHeader().setID(id);
                byte[] wire = query.toWire();
                out.writeShort(wire.length);
                out.write(wire);
            }
            out.flush();
            for (int id : new int[] {7, 8}) {
                byte[] answer = in.readNBytes(in.readUnsignedShort());
                assertThat(new Message(answer).getHeader().getID()).isEqualTo(id);
            }
            // A length beyond any real query: the server hangs up instead of reading 65535 bytes.
            out.writeShort(0xFFFF);
            out.flush();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void anIdleTcpClientIsDisconnected() throws Exception {
        LabZone zone = LabZone.builder("idle.test").txt("a.idle.test", "x").build();
        try (LabDns idle = LabDns.start(zone, LabDnsConfig.defaults().withTcpIdleTimeout(Duration.ofMillis(300)));
             var socket = new java.net.Socket()) {
            socket.connect(idle.address(), 3_000);
            socket.setSoTimeout(5_000);
            long start = System.nanoTime();

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    private static Message receive(DatagramSocket socket) throws Exception {
        byte[] buffer = new byte[4096];
        var packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
    }
}
