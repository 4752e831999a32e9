package io.mailtls.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports on 127.0.0.1 for test servers, and waiting until a server accepts on one. */
public final class LoopbackPorts {
    /**
     * Below Linux's ephemeral range (32768 and up), so an outgoing connection elsewhere on the machine cannot
     * take a port between our check and the server's bind.
     */
    static final int LOW = 20000;
    static final int HIGH = 32000;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

    private LoopbackPorts() {
    }

    /** count distinct ports in [20000, 32000) that 127.0.0.1 could bind just now. */
    public static List<Integer> pickFree(int count) {
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("count must be 1..1000: " + count);
        }
        SequencedSet<Integer> ports = new LinkedHashSet<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            // Hold every probe socket until all are found, so the picks are distinct from each other.
            for (int tries = 0; ports.size() < count && tries < count * 50; tries++) {
                int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
                if (ports.contains(port)) {
                    continue;
                }
                try {
                    ServerSocket s = new ServerSocket();
                    held.add(s);
                    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    ports.add(port);
                } catch (IOException taken) {
                    // In use: try another.
                }
            }
        } finally {
            held.forEach(LoopbackPorts::closeQuietly);
        }
        if (ports.size() < count) {
            throw new IllegalStateException("found only " + ports.size() + " free loopback ports of " + count);
        }
        return List.copyOf(ports);
    }

    /**
     * Polls address with short connects until one succeeds or the deadline passes; true if it accepted.
     * A bounded poll, because a daemon's "started" only means its listeners are about to be ready.
     */
    public static boolean awaitListening(InetSocketAddress address, Instant deadline) throws InterruptedException {
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(address, (int) CONNECT_TIMEOUT.toMillis());
                return true;
            } catch (IOException notYet) {
                if (!Instant.now().plus(POLL_INTERVAL).isBefore(deadline)) {
                    return false;
                }
                Thread.sleep(POLL_INTERVAL);
            }
        }
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing a probe socket cannot fail in a way that matters.
        }
    }
}
