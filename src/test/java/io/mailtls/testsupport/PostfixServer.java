package io.mailtls.testsupport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private instance of Debian's real Postfix ({@code postfix -c DIR start}) with its own configuration, queue,
 * data directory and log under one temporary directory, serving smtpd listeners on 127.0.0.1 only. The system
 * instance (/etc/postfix, /var/spool/postfix) is neither read for settings nor started, stopped or changed.
 */
public final class PostfixServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostfixServer.class);
    public static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_BYTES = 64 * 1024;

    private final Path base;
    private final TestPki pki;
    private final SequencedMap<String, InetSocketAddress> listeners;
    private final boolean deleteOnClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private PostfixServer(Path base, TestPki pki, SequencedMap<String, InetSocketAddress> listeners,
                          boolean deleteOnClose) {
        this.base = base;
        this.pki = pki;
        this.listeners = listeners;
        this.deleteOnClose = deleteOnClose;
        // Stops the daemon when a run is interrupted (Ctrl-C on Maven) before close() is reached.
        this.shutdownHook = Thread.ofPlatform().unstarted(this::stop);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Why this machine cannot run the instance (not root, no Postfix), or empty if it can. */
    public static Optional<String> unavailableReason() {
        if (!Files.isExecutable(POSTFIX)) {
            return Optional.of(POSTFIX + " is not installed (Debian package postfix)");
        }
        try {
            // /proc/self belongs to the process's effective uid; Postfix's master must start as root.
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!Integer.valueOf(0).equals(uid)) {
                return Optional.of("Postfix must be started by root; the tests run as uid " + uid);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot tell whether the tests run as root: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** A new temporary directory with a fresh {@link TestPki} and every {@link StandardListeners} listener. */
    public static PostfixServer startStandard() {
        Path base;
        try {
            base = Files.createTempDirectory("mailtls-postfix-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant begin = Instant.now();
        TestPki pki = TestPki.create(base.resolve("pki"));
        // RSA key generation dominates start-up; the leaves are independent, so issue them side by side.
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (TestPki.Kind kind : TestPki.Kind.values()) {
                pool.submit(() -> pki.leaf(kind));
            }
            pool.submit(() -> pki.leaf(TestPki.Kind.GOOD, TestPki.KeyAlgorithm.EC));
        }
        List<Listener> listeners = StandardListeners.all(pki);
        LOG.info("test PKI issued in {} ms", Duration.between(begin, Instant.now()).toMillis());
        return start(base, pki, listeners, true);
    }

    /** Starts an instance in base (created if needed, left in place on close) serving listeners. */
    public static PostfixServer start(Path base, TestPki pki, List<Listener> listeners) {
        return start(base, pki, listeners, false);
    }

    private static PostfixServer start(Path base, TestPki pki, List<Listener> listeners, boolean deleteOnClose) {
        var names = new HashSet<String>();
        listeners.forEach(l -> {
            if (!names.add(l.name())) {
                throw new IllegalArgumentException("two listeners named " + l.name());
            }
        });
        Path dir = base.toAbsolutePath();
        Path etc = dir.resolve("etc");
        prepareDirectories(dir, etc);
        Instant begin = Instant.now();
        for (int attempt = 1; ; attempt++) {
            List<Integer> ports = LoopbackPorts.pickFree(listeners.size());
            PostfixConfig.write(etc, dir, listeners, ports);
            ExternalCommand.Result started = postfix(etc, "start");
            if (started.succeeded()) {
                var addresses = new LinkedHashMap<String, InetSocketAddress>();
                for (int i = 0; i < listeners.size(); i++) {
                    addresses.put(listeners.get(i).name(),
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.get(i)));
                }
                var server = new PostfixServer(dir, pki, addresses, deleteOnClose);
                server.awaitListeners();
                LOG.info("Postfix test instance in {} serving {} listeners, started in {} ms",
                        dir, addresses.size(), Duration.between(begin, Instant.now()).toMillis());
                return server;
            }
            String log = tail(dir.resolve("maillog"), 40);
            // Another process may have taken a port between our check and Postfix's bind: pick again.
            if (attempt < START_ATTEMPTS && log.contains("Address already in use")) {
                LOG.warn("Postfix could not bind a listener port, retrying with new ports");
                continue;
            }
            // A start that timed out may have left a master behind; stopping one that is not running is harmless.
            postfix(etc, "stop");
            throw new PostfixStartException("Postfix refused to start (instance " + dir + "):\n"
                    + started.describe() + "\n--- " + dir.resolve("maillog") + " (tail) ---\n" + log);
        }
    }

    /** The loopback address of the listener with this name. */
    public InetSocketAddress listener(String name) {
        InetSocketAddress a = listeners.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no listener " + name + "; have " + listeners.keySet());
        }
        return a;
    }

    /** Every listener name, in master.cf order. */
    public List<String> listenerNames() {
        return List.copyOf(listeners.keySet());
    }

    /** The root CA that issued every certificate except the self-signed one. */
    public Path caFile() {
        return pki.caFile();
    }

    public TestPki pki() {
        return pki;
    }

    /** The instance's configuration directory (main.cf, master.cf), for a failure message or manual inspection. */
    public Path configDirectory() {
        return base.resolve("etc");
    }

    /** The last 60 lines of the instance's maillog, for a failure message. */
    public String logTail() {
        return tail(base.resolve("maillog"), 60);
    }

    /** Stops the instance ({@code postfix stop}) and deletes its directory if this class created it. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to run stop(), which is idempotent.
        }
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Optional<ProcessHandle> master = masterProcess();
        ExternalCommand.Result stopped = postfix(configDirectory(), "stop");
        if (!stopped.succeeded()) {
            LOG.warn("postfix stop failed: {}", stopped.describe());
        }
        // postfix stop returns once the master lock is free, a moment before the process is gone; a wedged
        // master must not outlive the test run.
        master.filter(p -> !exits(p, STOP_GRACE)).ifPresent(p -> {
            LOG.warn("Postfix master {} still running {} s after postfix stop; killing it", p.pid(),
                    STOP_GRACE.toSeconds());
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
        if (deleteOnClose) {
            deleteTree(base);
        }
    }

    private void awaitListeners() {
        Instant deadline = Instant.now().plus(LISTEN_TIMEOUT);
        List<String> silent = new ArrayList<>();
        try {
            for (Map.Entry<String, InetSocketAddress> e : listeners.entrySet()) {
                if (!LoopbackPorts.awaitListening(e.getValue(), deadline)) {
                    silent.add(e.getKey() + "=" + e.getValue());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new PostfixStartException("interrupted while waiting for Postfix's listeners");
        }
        if (!silent.isEmpty()) {
            String log = logTail();
            close();
            throw new PostfixStartException("Postfix started but these listeners never accepted within "
                    + LISTEN_TIMEOUT.toSeconds() + " s: " + silent + "\n--- maillog (tail) ---\n" + log);
        }
    }

    private static boolean exits(ProcessHandle process, Duration within) {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private Optional<ProcessHandle> masterProcess() {
        try {
            String pid = Files.readString(base.resolve("spool/pid/master.pid")).strip();
            return ProcessHandle.of(Long.parseLong(pid));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ExternalCommand.Result postfix(Path configDirectory, String verb) {
        return ExternalCommand.run(COMMAND_TIMEOUT, null, List.of(POSTFIX.toString(), "-c", configDirectory.toString(), verb));
    }

    private static void prepareDirectories(Path dir, Path etc) {
        try {
            for (Path p = dir.getParent(); p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalArgumentException("Postfix's unprivileged daemons cannot reach " + dir
                            + " because " + p + " is not searchable by others (chmod o+x)");
                }
            }
            // The spool must exist before postfix runs; post-install creates its subdirectories and the data
            // directory with Postfix's own owners. The unprivileged daemons must be able to walk into the spool.
            for (Path p : List.of(dir, etc, dir.resolve("spool"))) {
                Files.createDirectories(p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Postfix instance directory " + dir, e);
        }
    }

    private static String tail(Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return "(no log file " + log + ")";
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, f.length() - LOG_TAIL_BYTES);
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.ISO_8859_1).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", dir, e.getMessage());
        }
    }
}
