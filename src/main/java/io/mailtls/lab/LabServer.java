package io.mailtls.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailtls.lab.pki.LabPki;
import io.mailtls.lab.tls.ServerTls;

/**
 * One lab endpoint: a loopback listening socket serving one {@link Scenario}, a virtual thread per
 * session, at most {@link LabConfig#maxSessions()} at once (further connections get 421), and
 * counters that let a caller prove every session and socket is gone after the work is done.
 */
public final class LabServer implements AutoCloseable {

    /** How many finished sessions and received messages the endpoint remembers. */
    public static final int HISTORY = 1_000;
    public static final int MESSAGE_HISTORY = 100;

    private static final Logger LOG = LoggerFactory.getLogger(LabServer.class);
    private static final int BACKLOG = 512;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final Scenario scenario;
    private final LabConfig config;
    private final ServerSocket listener;
    private final ScheduledExecutorService watchdog;
    private final SmtpSession.Context context;
    private final Semaphore permits;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final Deque<SessionRecord> history = new ArrayDeque<>();
    private final Deque<ReceivedMessage> messages = new ArrayDeque<>();
    private final Thread acceptor;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;

    private LabServer(Scenario scenario, LabConfig config, ServerSocket listener, ServerTls tls,
                      ScheduledExecutorService watchdog) {
        this.scenario = scenario;
        this.config = config;
        this.listener = listener;
        this.watchdog = watchdog;
        this.permits = new Semaphore(config.maxSessions());
        this.context = new SmtpSession.Context(scenario, config, tls, this::store);
        this.acceptor = Thread.ofVirtual().name("lab-" + scenario.id() + "-accept").unstarted(this::acceptLoop);
    }

    /**
     * Binds {@code port} (0 for ephemeral) on the config's loopback address and starts accepting.
     * Public so the domain lab can run many endpoints, each on its own loopback address, that
     * present credentials issued for their MX host names.
     */
    public static LabServer start(Scenario scenario, int port, LabConfig config, ServerTls tls,
                           ScheduledExecutorService watchdog) throws IOException {
        var listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(config.bindAddress(), port), BACKLOG);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        var server = new LabServer(scenario, config, listener, tls, watchdog);
        server.acceptor.start();
        return server;
    }

    /** The scenario this endpoint serves. */
    public Scenario scenario() {
        return scenario;
    }

    /** The loopback address and port clients connect to. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Connections accepted so far, including refused ones. */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /** Connections answered 421 because {@link LabConfig#maxSessions()} sessions were running. */
    public long connectionsRefused() {
        return refused.get();
    }

    /** Sessions that have ended (and whose records are in {@link #sessions()}). */
    public long sessionsFinished() {
        return finished.get();
    }

    /** Session threads running now. */
    public int activeSessions() {
        return active.get();
    }

    /** The most sessions that ran at once. */
    public int peakSessions() {
        return peak.get();
    }

    /** Accepted sockets not yet closed. */
    public int openSockets() {
        return sockets.size();
    }

    /** The finished sessions, oldest first (the last {@value #HISTORY}). */
    public synchronized List<SessionRecord> sessions() {
        return List.copyOf(history);
    }

    /** The messages accepted after DATA, oldest first (the last {@value #MESSAGE_HISTORY}). */
    public synchronized List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }

    /** Waits until at least {@code count} sessions have ended; true if that happened in time. */
    public synchronized boolean awaitFinished(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (finished.get() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /**
     * Waits until no session runs and no accepted socket is open; true if that happened in time.
     * A connection the listener has not accepted yet does not count.
     */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (active.get() > 0 || !sockets.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("lab endpoint {} stopped accepting: {}", scenario, e.toString());
                }
                return;
            }
            long number = accepted.incrementAndGet();
            sockets.add(socket);
            if (closed) {
                closeSocket(socket);
            } else if (!permits.tryAcquire()) {
                refuse(socket);
            } else {
                Thread thread = Thread.ofVirtual().name("lab-" + scenario.id() + "-" + number)
                        .unstarted(() -> serve(socket, number));
                threads.add(thread);
                thread.start();
            }
        }
    }

    private void serve(Socket socket, long number) {
        int now = active.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        ScheduledFuture<?> guard = null;
        SessionRecord record = null;
        try {
            // A client that stops reading blocks our writes forever; the watchdog ends such sessions.
            guard = watchdog.schedule(() -> closeSocket(socket), config.sessionLifetime().toMillis(),
                    TimeUnit.MILLISECONDS);
            record = new SmtpSession(socket, context, number).run();
        } catch (RejectedExecutionException e) {
            LOG.debug("lab endpoint {} is closing; session #{} not served", scenario, number);
        } finally {
            if (guard != null) {
                guard.cancel(false);
            }
            // Counted as over before the close, so a client that saw the close and connects again at once is
            // never refused, nor counted twice in the peak, because of our own bookkeeping.
            if (record != null) {
                remember(record);
            }
            permits.release();
            active.decrementAndGet();
            closeSocket(socket);
            threads.remove(Thread.currentThread());
            signalIdle();
        }
    }

    /** RFC 5321 section 3.8: a server that cannot serve may answer 421 and close. */
    private void refuse(Socket socket) {
        refused.incrementAndGet();
        try (socket) {
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write(("421 4.7.0 " + LabPki.HOST + " Error: too many connections\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            LOG.debug("refusing a connection to {} failed: {}", scenario, e.toString());
        } finally {
            sockets.remove(socket);
            signalIdle();
        }
    }

    private void remember(SessionRecord record) {
        synchronized (this) {
            history.addLast(record);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
            finished.incrementAndGet();
        }
        LOG.debug("{}", record.logLine());
        Consumer<SessionRecord> listener = config.sessionListener();
        if (listener != null) {
            try {
                listener.accept(record);
            } catch (RuntimeException e) {
                LOG.warn("the lab's session listener failed", e);
            }
        }
    }

    private synchronized void store(ReceivedMessage message) {
        messages.addLast(message);
        if (messages.size() > MESSAGE_HISTORY) {
            messages.removeFirst();
        }
    }

    private void closeSocket(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing a lab socket: {}", e.toString());
        }
        sockets.remove(socket);
    }

    private synchronized void signalIdle() {
        notifyAll();
    }

    /**
     * Stops accepting, closes every session's socket, interrupts sleeping sessions and waits
     * (bounded) for their threads to end.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the listener of {}: {}", scenario, e.toString());
        }
        joinQuietly(acceptor, SHUTDOWN_WAIT);
        for (Socket socket : List.copyOf(sockets)) {
            closeSocket(socket);
        }
        for (Thread thread : List.copyOf(threads)) {
            thread.interrupt();
        }
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        for (Thread thread : List.copyOf(threads)) {
            joinQuietly(thread, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        if (!threads.isEmpty()) {
            LOG.warn("lab endpoint {}: {} session threads still running after close", scenario, threads.size());
        }
    }

    private static void joinQuietly(Thread thread, Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return scenario.id() + "@" + address().getAddress().getHostAddress() + ":" + address().getPort();
    }
}
