package io.mailtls.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailtls.lab.pki.LabPki;
import io.mailtls.lab.tls.LegacyTls;
import io.mailtls.lab.tls.ServerTls;

/**
 * mailtls's fault lab: a set of real SMTP endpoints on loopback, one per {@link Scenario}, with a
 * fresh throwaway PKI whose root CA is written to {@link #caFile()}. Start it, point a client at
 * {@link #endpoints()}, close it. Closing stops every listener, session, thread and socket.
 */
public final class Lab implements AutoCloseable {

    /** The file name used when the CA goes into a directory. */
    public static final String CA_FILE_NAME = "lab-ca.pem";

    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);

    private final LabPki pki;
    private final Path caFile;
    private final Path tempDirectory;
    private final boolean legacyTlsActive;
    private final ScheduledExecutorService watchdog;
    private final Map<Scenario, LabServer> servers;

    private Lab(LabPki pki, Path caFile, Path tempDirectory, boolean legacyTlsActive,
                ScheduledExecutorService watchdog, Map<Scenario, LabServer> servers) {
        this.pki = pki;
        this.caFile = caFile;
        this.tempDirectory = tempDirectory;
        this.legacyTlsActive = legacyTlsActive;
        this.watchdog = watchdog;
        this.servers = servers;
    }

    /**
     * Makes the PKI, writes the root CA and binds every configured endpoint. Either all endpoints
     * start or none stays open.
     *
     * @throws LabStartException naming the scenario and port when a port cannot be bound or the CA
     *                           file cannot be written
     */
    public static Lab start(LabConfig config) throws LabStartException {
        // Must precede the first TLS context in the process; see LegacyTls for why.
        boolean legacy = LegacyTls.enable();
        LabPki pki = LabPki.create();
        Path tempDirectory = null;
        Path caFile;
        try {
            if (config.caFile() == null) {
                tempDirectory = Files.createTempDirectory("mailtls-lab-");
                caFile = pki.writeRootPem(tempDirectory.resolve(CA_FILE_NAME));
            } else if (Files.isDirectory(config.caFile())) {
                caFile = pki.writeRootPem(config.caFile().resolve(CA_FILE_NAME));
            } else {
                caFile = pki.writeRootPem(config.caFile());
            }
        } catch (IOException e) {
            deleteQuietly(tempDirectory);
            throw new LabStartException("cannot write the lab CA file: " + e.getMessage(), e);
        }
        ScheduledExecutorService watchdog = newWatchdog();
        Map<Scenario, LabServer> servers = new LinkedHashMap<>();
        List<LabServer> started = new ArrayList<>();
        for (var entry : config.ports().entrySet()) {
            Scenario scenario = entry.getKey();
            ServerTls tls = ServerTls.create(pki.credential(scenario.plan().credential()), scenario.plan().tls());
            if (scenario.plan().tls().needsLegacyTls() && !legacy) {
                LOG.warn("lab scenario {}: this JDK's TLS was initialised before LegacyTls.enable(), so it cannot "
                        + "serve {} (handshakes will fail); call LegacyTls.enable() first in the process",
                        scenario, scenario.plan().tls());
            }
            try {
                LabServer server = LabServer.start(scenario, entry.getValue(), config, tls, watchdog);
                started.add(server);
                servers.put(scenario, server);
            } catch (IOException e) {
                started.forEach(LabServer::close);
                watchdog.shutdownNow();
                deleteQuietly(tempDirectory);
                throw new LabStartException("cannot listen for scenario " + scenario.id() + " on "
                        + config.bindAddress().getHostAddress() + ":" + entry.getValue() + ": " + e.getMessage(), e);
            }
        }
        return new Lab(pki, caFile, tempDirectory, legacy, watchdog, Collections.unmodifiableMap(servers));
    }

    /** Scenario name to listening address, in the configured order. */
    public Map<String, InetSocketAddress> endpoints() {
        Map<String, InetSocketAddress> result = new LinkedHashMap<>();
        servers.forEach((scenario, server) -> result.put(scenario.id(), server.address()));
        return Collections.unmodifiableMap(result);
    }

    /** The listening address of one scenario. */
    public InetSocketAddress address(Scenario scenario) {
        return server(scenario).address();
    }

    /** The endpoint serving {@code scenario}, with its counters and logs. */
    public LabServer server(Scenario scenario) {
        LabServer server = servers.get(scenario);
        if (server == null) {
            throw new NoSuchElementException("this lab does not serve " + scenario.id());
        }
        return server;
    }

    /** Every endpoint, in the configured order. */
    public List<LabServer> servers() {
        return List.copyOf(servers.values());
    }

    /** The root CA (PEM) a client must trust to verify the good endpoints. */
    public Path caFile() {
        return caFile;
    }

    /** The lab's PKI, for tests that want the certificates themselves. */
    public LabPki pki() {
        return pki;
    }

    /** Whether the process's TLS could be relaxed for {@code tls10-only} and {@code weak-ciphers}. */
    public boolean legacyTlsActive() {
        return legacyTlsActive;
    }

    /** Closes every endpoint and session, and removes the CA file if the lab chose its location. */
    @Override
    public void close() {
        servers.values().forEach(LabServer::close);
        watchdog.shutdownNow();
        deleteQuietly(tempDirectory);
    }

    private static ScheduledExecutorService newWatchdog() {
        var executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("lab-watchdog").daemon(true).factory());
        executor.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(executor);
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve(CA_FILE_NAME));
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.debug("cannot remove the lab's temporary directory {}: {}", directory, e.toString());
        }
    }
}
