package io.mailtls.lab.domain.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DSRecord;

import io.mailtls.dns.DnsAnswer;
import io.mailtls.dns.DnsClient;
import io.mailtls.dns.DnsConfig;
import io.mailtls.dns.DnssecStatus;
import io.mailtls.dns.TrustAnchors;

/**
 * Independent validators judge the lab DNS: BIND's {@code delv} and ldns's {@code drill -S}, each
 * given only the lab's trust anchor, must reach the same verdict as the project's own client.
 */
@Tag("interop")
class LabDnsInteropTest {

    @TempDir
    static Path dir;
    static LabDns dns;
    static DnsClient client;
    static Path delvAnchors;
    static Path drillAnchors;

    @BeforeAll
    static void start() throws Exception {
        LabZone zone = LabZone.builder("lab.test")
                .mx("lab.test", 10, "mx1.lab.test")
                .address("mx1.lab.test", InetAddress.getByName("127.0.0.10"))
                .tlsa("_25._tcp.mx1.lab.test", 3, 1, 1, new byte[32])
                .txt("big.lab.test", "y".repeat(2_000))
                .mx("insecure.lab.test", 10, "mx.insecure.lab.test")
                .address("mx.insecure.lab.test", InetAddress.getByName("127.0.0.11"))
                .unsignedDelegation("insecure.lab.test")
                .mx("bogus.lab.test", 10, "mx.bogus.lab.test")
                .address("mx.bogus.lab.test", InetAddress.getByName("127.0.0.12"))
                .bogus("bogus.lab.test", LabZone.Breakage.EXPIRED_SIGNATURES)
                .txt("corrupt.lab.test", "v=spf1 -all")
                .bogus("corrupt.lab.test", LabZone.Breakage.CORRUPT_SIGNATURES)
                .build();
        dns = LabDns.start(zone, LabDnsConfig.defaults().withTrustAnchorFile(dir.resolve("anchor.txt")));
        client = DnsClient.create(new DnsConfig(Optional.of(dns.address()), Duration.ofSeconds(3),
                TrustAnchors.fromFile(dns.trustAnchorFile())));
        DSRecord ds = dns.trustAnchor();
        delvAnchors = Files.writeString(dir.resolve("delv.conf"), "trust-anchors {\n  lab.test. static-ds "
                + ds.getFootprint() + " " + ds.getAlgorithm() + " " + ds.getDigestID() + " \""
                + HexFormat.of().formatHex(ds.getDigest()) + "\";\n};\n");
        // drill reads the DS line of the lab's own anchor file, comments removed.
        drillAnchors = Files.writeString(dir.resolve("drill.key"), ds + "\n");
    }

    @AfterAll
    static void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("lab.test", "MX", DnssecStatus.SECURE),
                Arguments.of("_25._tcp.mx1.lab.test", "TLSA", DnssecStatus.SECURE),
                Arguments.of("big.lab.test", "TXT", DnssecStatus.SECURE),
                Arguments.of("nope.lab.test", "A", DnssecStatus.SECURE),
                Arguments.of("mx1.lab.test", "AAAA", DnssecStatus.SECURE),
                Arguments.of("_tcp.mx1.lab.test", "TXT", DnssecStatus.SECURE),
                Arguments.of("zzz.lab.test", "A", DnssecStatus.SECURE),
                Arguments.of("insecure.lab.test", "MX", DnssecStatus.INSECURE),
                Arguments.of("nope.insecure.lab.test", "A", DnssecStatus.INSECURE),
                Arguments.of("bogus.lab.test", "MX", DnssecStatus.BOGUS),
                Arguments.of("nope.bogus.lab.test", "A", DnssecStatus.BOGUS),
                Arguments.of("corrupt.lab.test", "TXT", DnssecStatus.BOGUS));
    }

    @ParameterizedTest(name = "{1} {0}: {2}")
    @MethodSource("cases")
    void delvAgreesWithTheProjectsClient(String name, String type, DnssecStatus expected) throws Exception {
        String out = run("delv", "@" + dns.address().getAddress().getHostAddress(), "-p",
                String.valueOf(dns.address().getPort()), "-a", delvAnchors.toString(), "+root=lab.test", name, type);

        assertThat(ours(name, type)).isEqualTo(expected);
        switch (expected) {
            case SECURE -> assertThat(out).contains("fully validated");
            case INSECURE -> assertThat(out).contains("unsigned answer").doesNotContain("fully validated");
            case BOGUS -> assertThat(out).contains("resolution failed").doesNotContain("fully validated")
                    .doesNotContain("unsigned answer");
            default -> fail("no such case");
        }
    }

    /** drill -S cannot prove an unsigned delegation insecure (it reports no keys): secure and bogus cases only. */
    static Stream<Arguments> signedCases() {
        return cases().filter(a -> a.get()[2] != DnssecStatus.INSECURE);
    }

    @ParameterizedTest(name = "{1} {0}: {2}")
    @MethodSource("signedCases")
    void drillChasesTheSameSignatures(String name, String type, DnssecStatus expected) throws Exception {
        // drill does not retry a truncated answer over TCP by itself: ask the big one over TCP (-t).
        String transport = name.equals("big.lab.test") ? "-t" : "-u";
        String out = run("drill", "-S", transport, "-k", drillAnchors.toString(), "-p",
                String.valueOf(dns.address().getPort()), "@" + dns.address().getAddress().getHostAddress(), name, type);

        if (expected == DnssecStatus.SECURE) {
            assertThat(out).contains("Chase successful");
        } else {
            assertThat(out).contains("Chase failed").doesNotContain("Chase successful");
        }
    }

    @org.junit.jupiter.api.Test
    void drillSeesTheTruncationOverUdpAndTheWholeAnswerOverTcp() throws Exception {
        String port = String.valueOf(dns.address().getPort());
        String at = "@" + dns.address().getAddress().getHostAddress();

        String udp = run("drill", "-u", "-p", port, at, "big.lab.test", "TXT");
        String tcp = run("drill", "-t", "-p", port, at, "big.lab.test", "TXT");

        assertThat(udp).containsPattern("flags: qr aa tc\\b").contains("ANSWER: 0");
        assertThat(tcp).doesNotContainPattern("flags: [a-z ]*tc\\b").contains("ANSWER: 1");
    }

    private static DnssecStatus ours(String name, String type) {
        DnsAnswer<?> answer = switch (type) {
            case "MX" -> client.mx(name);
            case "TLSA" -> client.tlsa(name);
            case "TXT" -> client.txt(name);
            case "A" -> client.address(name, false);
            case "AAAA" -> client.address(name, true);
            default -> throw new IllegalArgumentException(type);
        };
        return answer.dnssec();
    }

    /** Runs a Debian tool with a 20 s limit; skips (or fails with CI=true) when it is not installed. */
    private static String run(String tool, String... args) throws IOException, InterruptedException {
        Path binary = Stream.of("/usr/bin", "/usr/sbin").map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (binary == null) {
            String message = tool + " is missing: install bind9-dnsutils (delv) and ldnsutils (drill)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, tool, ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(tool + " did not finish within 20 s: " + Files.readString(output));
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
