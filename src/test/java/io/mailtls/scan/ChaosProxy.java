package io.mailtls.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a lab endpoint that misbehaves on purpose, chosen per connection: it passes the
 * connection through, resets it at once, closes it at once, answers 421 and closes, or passes it and resets it
 * after a random number of the server's bytes (somewhere in the greeting, EHLO or TLS handshake). It listens on
 * one port per given loopback address, so many distinct targets share one real server.
 */
final class ChaosProxy implements AutoCloseable {
    enum Act { PASS, RESET, CLOSE, THROTTLE, RESET_MIDWAY }

    private final InetSocketAddress upstream;
    private final Random random;
    private final Map<Act, Integer> weights;
    private final Deque<Act> script = new ArrayDeque<>();
    private final Duration delay;
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<Act, Long> counts = new EnumMap<>(Act.class);
    private long accepted;
    private volatile boolean closed;

    private ChaosProxy(InetSocketAddress upstream, Map<Act, Integer> weights, long seed, Duration delay) {
        this.upstream = upstream;
        this.weights = new EnumMap<>(weights);
        this.random = new Random(seed);
        this.delay = delay;
    }

    /** A proxy on each of {@code binds} (ephemeral ports) choosing acts by {@code weights}. */
    static ChaosProxy start(InetSocketAddress upstream, List<InetAddress> binds, Map<Act, Integer> weights, long seed,
                            Duration delay) throws IOException {
        ChaosProxy p = new ChaosProxy(upstream, weights, seed, delay);
        try {
            for (InetAddress a : binds) {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(a, 0), 512);
                p.listeners.add(s);
                Thread.ofVirtual().name("chaos-accept").start(() -> p.accept(s));
            }
        } catch (IOException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** A pass-through proxy (with an optional pause before each connection goes through). */
    static ChaosProxy passing(InetSocketAddress upstream, List<InetAddress> binds, Duration delay) throws IOException {
        return start(upstream, binds, Map.of(Act.PASS, 1), 1, delay);
    }

    /** The next connections take these acts, in order, before the weights apply again. */
    synchronized ChaosProxy then(Act... acts) {
        script.addAll(List.of(acts));
        return this;
    }

    List<InetSocketAddress> addresses() {
        return listeners.stream().map(s -> (InetSocketAddress) s.getLocalSocketAddress()).toList();
    }

    synchronized long accepted() {
        return accepted;
    }

    synchronized long count(Act a) {
        return counts.getOrDefault(a, 0L);
    }

    /** Waits until {@code n} connections have been accepted; false if {@code timeout} passes first. */
    synchronized boolean awaitAccepted(long n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (accepted < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private synchronized Act choose() {
        accepted++;
        Act act = script.pollFirst();
        if (act == null) {
            int total = weights.values().stream().mapToInt(Integer::intValue).sum();
            int r = random.nextInt(total);
            for (var e : weights.entrySet()) {
                r -= e.getValue();
                if (r < 0) {
                    act = e.getKey();
                    break;
                }
            }
        }
        counts.merge(act, 1L, Long::sum);
        notifyAll();
        return act;
    }

    private synchronized int randomBytes() {
        return 1 + random.nextInt(1500);
    }

    private void accept(ServerSocket server) {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                Act act = choose();
                Thread.ofVirtual().name("chaos-conn").start(() -> handle(client, act));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client, Act act) {
        try {
            switch (act) {
                case RESET -> reset(client);
                case CLOSE -> client.close();
                case THROTTLE -> {
                    client.getOutputStream().write("421 4.7.0 chaos: too many connections, try again later\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    client.close();
                }
                case PASS -> pass(client, Long.MAX_VALUE);
                case RESET_MIDWAY -> pass(client, randomBytes());
            }
        } catch (IOException | InterruptedException e) {
            quietClose(client);
        } finally {
            open.remove(client);
        }
    }

    private void pass(Socket client, long resetAfter) throws IOException, InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay); // the behaviour under test: a slow server
        }
        Socket server = new Socket();
        open.add(server);
        try {
            server.connect(upstream, 2000);
            Thread up = Thread.ofVirtual().start(() -> pump(client, server, Long.MAX_VALUE, null));
            pump(server, client, resetAfter, client);
            up.join(Duration.ofSeconds(30));
        } finally {
            quietClose(server);
            quietClose(client);
            open.remove(server);
        }
    }

    /** Copies from → to; after {@code limit} bytes resets {@code victim}. */
    private static void pump(Socket from, Socket to, long limit, Socket victim) {
        byte[] buf = new byte[8192];
        long copied = 0;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                int take = (int) Math.min(n, limit - copied);
                out.write(buf, 0, take);
                copied += take;
                if (copied >= limit) {
                    reset(victim);
                    quietClose(from);
                    return;
                }
            }
            to.shutdownOutput();
        } catch (IOException e) {
            quietClose(from);
            quietClose(to);
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        quietClose(s);
    }

    private static void quietClose(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ServerSocket s : listeners) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        open.forEach(ChaosProxy::quietClose);
    }
}
