package io.mailtls.lab.domain;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.mailtls.lab.LabConfig;
import io.mailtls.lab.LabServer;
import io.mailtls.lab.LabStartException;
import io.mailtls.lab.Scenario;
import io.mailtls.lab.tls.ServerTls;

/**
 * Many SMTP endpoints, each on its own loopback address and all on one port number, because a
 * domain check contacts every MX on the same port. The first bind picks the port (when none is
 * given); if a later address has it taken, everything is closed and another port is tried.
 */
final class EndpointGroup implements AutoCloseable {

    /** What one endpoint serves, where. */
    record Spec(InetAddress address, Scenario scenario, ServerTls tls) {
    }

    private static final int ATTEMPTS = 8;

    private final int port;
    private final Map<InetAddress, LabServer> servers;

    private EndpointGroup(int port, Map<InetAddress, LabServer> servers) {
        this.port = port;
        this.servers = servers;
    }

    /**
     * Binds every spec on {@code port} (0: one free port for all) with {@code base}'s bounds.
     *
     * @throws LabStartException naming the address when a port cannot be had on every address
     */
    static EndpointGroup start(List<Spec> specs, int port, LabConfig base, ScheduledExecutorService watchdog)
            throws LabStartException {
        if (specs.isEmpty()) {
            return new EndpointGroup(port, Map.of());
        }
        IOException last = null;
        String where = null;
        for (int attempt = 0; attempt < (port == 0 ? ATTEMPTS : 1); attempt++) {
            List<LabServer> started = new ArrayList<>(specs.size());
            Map<InetAddress, LabServer> byAddress = new LinkedHashMap<>();
            int chosen = port;
            try {
                for (Spec spec : specs) {
                    where = spec.address().getHostAddress() + ":" + chosen;
                    LabServer server = LabServer.start(spec.scenario(), chosen,
                            base.withBindAddress(spec.address()), spec.tls(), watchdog);
                    started.add(server);
                    if (byAddress.put(spec.address(), server) != null) {
                        throw new IllegalArgumentException("two endpoints on " + spec.address().getHostAddress());
                    }
                    chosen = server.address().getPort();
                }
                return new EndpointGroup(chosen, Collections.unmodifiableMap(byAddress));
            } catch (IOException e) {
                last = e;
                closeAll(started);
            } catch (RuntimeException e) {
                closeAll(started);
                throw e;
            }
        }
        throw new LabStartException("cannot listen for SMTP on " + where + (port == 0
                ? " (tried " + ATTEMPTS + " ports)" : "") + ": " + last.getMessage(), last);
    }

    /** The one port every endpoint listens on. */
    int port() {
        return port;
    }

    /** The endpoint on {@code address}, or null. */
    LabServer at(InetAddress address) {
        return servers.get(address);
    }

    /** Every endpoint by address, in start order. */
    Map<InetAddress, LabServer> servers() {
        return servers;
    }

    @Override
    public void close() {
        closeAll(servers.values());
    }

    /** Closes in parallel: each close waits a little for its sessions, and a bulk lab has a thousand. */
    private static void closeAll(java.util.Collection<LabServer> servers) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (LabServer server : servers) {
                executor.execute(server::close);
            }
        }
    }
}
