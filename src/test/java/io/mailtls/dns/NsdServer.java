package io.mailtls.dns;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real authoritative DNS server for tests: Debian's nsd on 127.0.0.1 and a free port, serving
 * zones from a temporary directory, signed with ldns-signzone where asked. Not ours, so an honest
 * peer for the client: it speaks real DNSSEC and real TCP fallback.
 */
public final class NsdServer implements AutoCloseable {
    private static final List<String> TOOLS = List.of("nsd", "ldns-keygen", "ldns-signzone");

    /** How a zone is published. */
    public enum Signing { UNSIGNED, SIGNED, EXPIRED }

    /**
     * One zone: its origin, its records (zone-file lines relative to the origin, without SOA and NS),
     * how it is signed, and an edit applied to the signed file (to tamper with signed data).
     */
    public record Zone(String origin, String records, Signing signing, UnaryOperator<String> afterSigning) {
        public static Zone unsigned(String origin, String records) {
            return new Zone(origin, records, Signing.UNSIGNED, UnaryOperator.identity());
        }

        public static Zone signed(String origin, String records) {
            return new Zone(origin, records, Signing.SIGNED, UnaryOperator.identity());
        }

        public static Zone expired(String origin, String records) {
            return new Zone(origin, records, Signing.EXPIRED, UnaryOperator.identity());
        }

        public static Zone tampered(String origin, String records, UnaryOperator<String> edit) {
            return new Zone(origin, records, Signing.SIGNED, edit);
        }
    }

    private final Process process;
    private final int port;
    private final String anchors;
    private final Path log;

    private NsdServer(Process process, int port, String anchors, Path log) {
        this.process = process;
        this.port = port;
        this.anchors = anchors;
        this.log = log;
    }

    /** Skips the test when the Debian tools are missing, or fails it when CI=true demands them. */
    public static void assumeInstalled() {
        List<String> missing = TOOLS.stream().filter(t -> !onPath(t)).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = "needs Debian packages nsd and ldnsutils; missing: " + missing;
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.assumeTrue(false, message);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/usr/bin", tool));
    }

    /** Writes, signs and serves {@code zones} from {@code dir}; returns once nsd answers. */
    public static NsdServer start(Path dir, List<Zone> zones) throws IOException, InterruptedException {
        assumeInstalled();
        var anchors = new StringBuilder();
        var conf = new StringBuilder();
        for (Zone zone : zones) {
            String file = zone.origin() + ".zone";
            Files.writeString(dir.resolve(file), zoneText(zone), StandardCharsets.US_ASCII);
            if (zone.signing() != Signing.UNSIGNED) {
                String key = run(dir, "ldns-keygen", "-a", "ECDSAP256SHA256", "-k", zone.origin()).strip();
                List<String> sign = new ArrayList<>(List.of("ldns-signzone"));
                if (zone.signing() == Signing.EXPIRED) {
                    sign.addAll(List.of("-i", "20200101000000", "-e", "20200201000000"));
                }
                sign.addAll(List.of(file, key));
                run(dir, sign.toArray(String[]::new));
                Path signed = dir.resolve(file + ".signed");
                Files.writeString(signed, zone.afterSigning().apply(Files.readString(signed)));
                anchors.append(Files.readString(dir.resolve(key + ".ds")));
                file = file + ".signed";
            }
            conf.append("zone:\n  name: ").append(zone.origin()).append("\n  zonefile: ").append(file).append('\n');
        }
        int port = freePort();
        Path log = dir.resolve("nsd.log");
        String server = """
                server:
                  ip-address: 127.0.0.1@%d
                  username: ""
                  chroot: ""
                  zonesdir: "%s"
                  database: ""
                  zonelistfile: "%s/zone.list"
                  pidfile: "%s/nsd.pid"
                  xfrdfile: "%s/xfrd.state"
                  xfrdir: "%s"
                  logfile: "%s"
                  server-count: 1
                  verbosity: 1
                remote-control:
                  control-enable: no
                """.formatted(port, dir, dir, dir, dir, dir, log);
        Path confFile = dir.resolve("nsd.conf");
        Files.writeString(confFile, server + conf);
        Process process = new ProcessBuilder(binary("nsd"), "-d", "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nsd.out").toFile()).start();
        var nsd = new NsdServer(process, port, anchors.toString(), log);
        nsd.awaitReady(zones.getFirst().origin());
        return nsd;
    }

    private static String zoneText(Zone zone) {
        String o = zone.origin() + ".";
        return "$ORIGIN " + o + "\n$TTL 300\n"
                + "@ IN SOA ns." + o + " hostmaster." + o + " 1 3600 600 86400 300\n"
                + "@ IN NS ns." + o + "\n"
                + "ns IN A 127.0.0.1\n"
                + zone.records() + "\n";
    }

    /** Polls with real queries until nsd answers, so the test never races the server's start. */
    private void awaitReady(String zone) throws IOException, InterruptedException {
        var resolver = new SimpleResolver(address());
        resolver.setTimeout(Duration.ofMillis(200));
        Message query = Message.newQuery(Record.newRecord(Name.fromString(zone + "."), Type.SOA, DClass.IN));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                fail("nsd exited with " + process.exitValue() + ": " + logText());
            }
            try {
                resolver.send(query);
                return;
            } catch (IOException notYet) {
                // nsd not listening yet: the 200 ms query timeout paces the retries
            }
        }
        close();
        fail("nsd did not answer within 15 s: " + logText());
    }

    private String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (var tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (var udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return port;
                } catch (IOException taken) {
                    // UDP side in use: try another port
                }
            }
        }
        throw new IOException("no free TCP+UDP port on loopback");
    }

    private static String binary(String tool) {
        for (String dir : List.of("/usr/sbin", "/usr/bin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return dir + "/" + tool;
            }
        }
        return tool;
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        command[0] = binary(command[0]);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** The server's UDP/TCP address. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The DS records of every signed zone, in zone-file syntax, for {@code --trust-anchor}. */
    public String trustAnchors() {
        return anchors;
    }

    /** A client configuration asking this server, trusting its signed zones. */
    public DnsConfig config(Duration timeout) {
        return new DnsConfig(java.util.Optional.of(address()), timeout, TrustAnchors.parse(anchors, "nsd test zones"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
