package io.mailtls.lab.domain.dns;

import io.mailtls.lab.domain.Shutdown;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;

import io.mailtls.lab.LabStartException;

/**
 * The lab's authoritative DNS server: UDP and TCP on one loopback port, answering for one
 * {@link LabZone} signed with an ECDSA P-256 key made at start. Writes the key's DS record to
 * {@link #trustAnchorFile()}, the file a validating client is given as its trust anchor.
 * Truncates UDP answers beyond 512 bytes (1232 with EDNS) so clients retry over TCP.
 */
public final class LabDns implements AutoCloseable {

    /** The file name used when the trust anchor goes into a directory. */
    public static final String ANCHOR_FILE_NAME = "lab-trust-anchor.txt";

    private static final Logger LOG = LoggerFactory.getLogger(LabDns.class);
    private static final int BIND_ATTEMPTS = 20;
    private static final int MAX_QUERIES_PER_CONNECTION = 1_000;
    /** A TCP client that stops reading blocks our writes; this ends such connections regardless. */
    private static final Duration CONNECTION_LIFETIME = Duration.ofMinutes(2);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final LabDnsConfig config;
    private final ZoneSigner signer;
    private final DnsResponder responder;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Path anchorFile;
    private final Path tempDirectory;
    private final ScheduledExecutorService watchdog;
    private final Semaphore tcpPermits;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong udpQueries = new AtomicLong();
    private final AtomicLong tcpQueries = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();
    private final int names;
    private volatile boolean closed;

    private LabDns(LabDnsConfig config, ZoneSigner signer, ZoneTable table, DatagramSocket udp, ServerSocket tcp,
                   Path anchorFile, Path tempDirectory) {
        this.config = config;
        this.signer = signer;
        this.responder = new DnsResponder(table, signer);
        this.udp = udp;
        this.tcp = tcp;
        this.anchorFile = anchorFile;
        this.tempDirectory = tempDirectory;
        this.names = table.names();
        this.tcpPermits = new Semaphore(config.maxTcpConnections());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lab-dns-watchdog").daemon(true).factory());
    }

    /**
     * Makes the key, lays out the zones, writes the trust anchor and starts listening.
     *
     * @throws LabStartException when the port cannot be bound or the anchor file cannot be written
     */
    public static LabDns start(LabZone zone, LabDnsConfig config) throws LabStartException {
        Instant now = Instant.now();
        ZoneSigner signer = new ZoneSigner(zone.apex(), now);
        ZoneTable table = ZoneTable.of(zone, signer, config.bindAddress(), now.getEpochSecond());
        if (config.presign()) {
            long started = System.nanoTime();
            int signed = table.presign(signer);
            LOG.debug("lab DNS: {} RRsets signed in {} ms", signed, (System.nanoTime() - started) / 1_000_000);
        }
        Path tempDirectory = null;
        Path anchorFile;
        try {
            if (config.trustAnchorFile() == null) {
                tempDirectory = Files.createTempDirectory("mailtls-lab-dns-");
                anchorFile = tempDirectory.resolve(ANCHOR_FILE_NAME);
            } else if (Files.isDirectory(config.trustAnchorFile())) {
                anchorFile = config.trustAnchorFile().resolve(ANCHOR_FILE_NAME);
            } else {
                anchorFile = config.trustAnchorFile();
            }
            writeAnchor(anchorFile, signer.ds(), now);
        } catch (IOException e) {
            deleteQuietly(tempDirectory);
            throw new LabStartException("cannot write the lab DNS trust anchor: " + e.getMessage(), e);
        }
        DatagramSocket udp = null;
        ServerSocket tcp = null;
        IOException last = null;
        for (int attempt = 0; attempt < (config.port() == 0 ? BIND_ATTEMPTS : 1) && tcp == null; attempt++) {
            try {
                udp = new DatagramSocket(new InetSocketAddress(config.bindAddress(), config.port()));
                tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(config.bindAddress(), udp.getLocalPort()), 128);
            } catch (IOException e) {
                last = e;
                Shutdown.closeQuietly(udp);
                Shutdown.closeQuietly(tcp);
                udp = null;
                tcp = null;
            }
        }
        if (tcp == null) {
            deleteQuietly(tempDirectory);
            throw new LabStartException("cannot listen for DNS on " + config.bindAddress().getHostAddress() + ":"
                    + config.port() + ": " + (last == null ? "no attempt" : last.getMessage()), last);
        }
        var dns = new LabDns(config, signer, table, udp, tcp, anchorFile, tempDirectory);
        dns.spawn("lab-dns-udp", dns::udpLoop);
        dns.spawn("lab-dns-tcp-accept", dns::acceptLoop);
        LOG.debug("lab DNS for {} on {} ({} names), trust anchor {}", zone.apex(), dns.address(), dns.names,
                anchorFile);
        return dns;
    }

    private static void writeAnchor(Path file, DSRecord ds, Instant now) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String text = "; mailtls lab DNSSEC trust anchor for " + ds.getName() + " (key made " + now
                + ", valid while that lab runs)\n" + ds + "\n";
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    /** The UDP and TCP address clients send queries to. */
    public InetSocketAddress address() {
        return new InetSocketAddress(config.bindAddress(), udp.getLocalPort());
    }

    /** The file holding the DS record of the zone key, in zone-file syntax. */
    public Path trustAnchorFile() {
        return anchorFile;
    }

    /** The DS record of the zone key, in zone-file syntax. */
    public DSRecord trustAnchor() {
        return signer.ds();
    }

    /** The zone key itself, for tools that want a DNSKEY anchor. */
    public DNSKEYRecord zoneKey() {
        return signer.dnskey();
    }

    /** Queries answered over UDP so far. */
    public long udpQueries() {
        return udpQueries.get();
    }

    /** Queries answered over TCP so far. */
    public long tcpQueries() {
        return tcpQueries.get();
    }

    /** UDP responses that were too large and went out empty with TC set. */
    public long truncatedResponses() {
        return truncated.get();
    }

    /** Signatures made so far (they are made when first asked for). */
    public int signaturesMade() {
        return signer.signatures();
    }

    private void spawn(String name, Runnable task) {
        Thread thread = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                task.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(thread);
        thread.start();
    }

    private void udpLoop() {
        byte[] buffer = new byte[DnsResponder.MAX_QUERY + 1];
        while (!closed) {
            var packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                byte[] answer = responder.respond(buffer, packet.getLength(), true);
                if (answer == null) {
                    continue;
                }
                udpQueries.incrementAndGet();
                if (answer.length > 2 && (answer[2] & 0x02) != 0) {
                    truncated.incrementAndGet();
                }
                udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("lab DNS UDP: {}", e.toString());
                }
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("lab DNS stopped accepting TCP: {}", e.toString());
                }
                return;
            }
            if (closed || !tcpPermits.tryAcquire()) {
                Shutdown.closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            spawn("lab-dns-tcp", () -> serve(socket));
        }
    }

    /** RFC 7766: several length-prefixed queries per connection, answered in order. */
    private void serve(Socket socket) {
        ScheduledFuture<?> guard = watchdog.schedule(() -> Shutdown.closeQuietly(socket), CONNECTION_LIFETIME.toMillis(),
                TimeUnit.MILLISECONDS);
        try (socket) {
            socket.setSoTimeout((int) config.tcpIdleTimeout().toMillis());
            InputStream raw = socket.getInputStream();
            var in = new DataInputStream(raw);
            var out = new DataOutputStream(socket.getOutputStream());
            for (int i = 0; i < MAX_QUERIES_PER_CONNECTION && !closed; i++) {
                int length = in.readUnsignedShort();
                if (length == 0 || length > DnsResponder.MAX_QUERY) {
                    return;
                }
                byte[] query = in.readNBytes(length);
                if (query.length < length) {
                    return;
                }
                byte[] answer = responder.respond(query, length, false);
                if (answer == null) {
                    return;
                }
                tcpQueries.incrementAndGet();
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (EOFException e) {
            // the client closed between queries: the normal end of a TCP exchange
        } catch (IOException e) {
            LOG.debug("lab DNS TCP connection: {}", e.toString());
        } finally {
            guard.cancel(false);
            connections.remove(socket);
            tcpPermits.release();
        }
    }

    /** Stops both listeners, closes every TCP connection and removes a temporary anchor file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        udp.close();
        Shutdown.closeQuietly(tcp);
        for (Socket socket : List.copyOf(connections)) {
            Shutdown.closeQuietly(socket);
        }
        Shutdown.join(threads, SHUTDOWN_WAIT);
        watchdog.shutdownNow();
        deleteQuietly(tempDirectory);
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve(ANCHOR_FILE_NAME));
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", directory, e.toString());
        }
    }

    @Override
    public String toString() {
        return "LabDns[" + address() + ", " + names + " names]";
    }
}
