package io.mailtls.lab.record.sender;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.mailtls.testsupport.ExternalCommand;
import io.mailtls.testsupport.PostfixServer;

/**
 * A private instance of Debian's Postfix used as a SENDER: its SMTP client relays every message to
 * lab endpoints on 127.0.0.1 and nowhere else. Unlike {@link PostfixServer} (smtpd listeners, no
 * client), this instance has no inet listener at all; mail enters with {@code sendmail -C DIR}.
 *
 * <p>Containment: {@code relayhost}, {@code default_transport} and {@code relay_transport} name the
 * lab's default endpoint as {@code [127.0.0.1]:PORT}; every other route is a {@code transport_maps}
 * entry to {@code [127.0.0.1]:PORT}; local and virtual delivery are {@code error:}; DNS is disabled;
 * the client binds to 127.0.0.1; {@code inet_interfaces = loopback-only}.
 */
final class PostfixRelay implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration FLUSH_EVERY = Duration.ofSeconds(2);
    private static final int MAX_LOG_BYTES = 8 * 1024 * 1024;

    /**
     * One master.cf client transport: an {@code smtp} service with its own TLS level and EHLO name.
     *
     * @param name    the service name, such as {@code smtp_may}
     * @param helo    the EHLO name it sends (so the lab tells the transports apart)
     * @param options {@code -o} overrides, such as {@code smtp_tls_security_level=may}
     */
    record Transport(String name, String helo, List<String> options) {
        String masterCfLine() {
            StringBuilder line = new StringBuilder(name + " unix - - n - - smtp -o smtp_helo_name=" + helo);
            options.forEach(option -> line.append(" -o ").append(option));
            return line.append('\n').toString();
        }
    }

    private final Path base;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private PostfixRelay(Path base) {
        this.base = base;
        this.shutdownHook = Thread.ofPlatform().unstarted(this::stop);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A world-searchable directory for the instance (Postfix's unprivileged daemons must read the CA in it). */
    static Path newBase() {
        try {
            Path base = Files.createTempDirectory("mailtls-relay-");
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes main.cf, master.cf and the transport map into {@code base/etc} and starts Postfix.
     *
     * @param fallback   the lab endpoint for relayhost and the default transports
     * @param transports the client transports; the first one is the default transport
     * @param routes     recipient domain to {@code transport:[127.0.0.1]:port}
     * @param caFile     the lab's root CA, for the verifying levels
     */
    static PostfixRelay start(Path base, InetSocketAddress fallback, List<Transport> transports,
                              Map<String, String> routes, Path caFile) {
        if (!fallback.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the relay may only send to loopback, not " + fallback);
        }
        routes.values().forEach(route -> {
            if (!route.contains(":[127.0.0.1]:")) {
                throw new IllegalArgumentException("the relay may only send to 127.0.0.1, not " + route);
            }
        });
        Path etc = base.resolve("etc");
        try {
            for (Path dir : List.of(etc, base.resolve("spool"))) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            String lab = "[127.0.0.1]:" + fallback.getPort();
            Files.writeString(etc.resolve("main.cf"), mainCf(base, lab, transports.getFirst().name(), caFile));
            StringBuilder master = new StringBuilder(template("master.cf"));
            transports.forEach(t -> master.append(t.masterCfLine()));
            Files.writeString(etc.resolve("master.cf"), master);
            StringBuilder map = new StringBuilder();
            routes.forEach((domain, route) -> map.append(domain).append(' ').append(route).append('\n'));
            Files.writeString(etc.resolve("transport"), map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the relay's configuration into " + etc, e);
        }
        var relay = new PostfixRelay(base);
        ExternalCommand.Result started = relay.postfix("start");
        if (!started.succeeded()) {
            String log = relay.log();
            relay.close();
            throw new IllegalStateException("Postfix relay did not start: " + started.describe() + "\n" + log);
        }
        return relay;
    }

    private static String mainCf(Path base, String lab, String firstTransport, Path caFile) {
        return """
                # A sending-only Postfix for mailtls's recorder tests: it relays to the lab on 127.0.0.1 only.
                compatibility_level = 3.6
                queue_directory = %1$s/spool
                data_directory = %1$s/data
                maillog_file = %1$s/maillog
                maillog_file_prefixes = %1$s
                cyrus_sasl_config_path = %1$s/etc
                myhostname = relay.postfix.test
                mydomain = postfix.test
                myorigin = $myhostname
                mydestination =
                relay_domains =
                mynetworks = 127.0.0.0/8
                inet_interfaces = loopback-only
                inet_protocols = ipv4
                smtp_bind_address = 127.0.0.1
                smtp_dns_support_level = disabled
                relayhost = %2$s
                default_transport = %3$s:%2$s
                relay_transport = %3$s:%2$s
                local_transport = error:the relay delivers nothing locally
                virtual_transport = error:the relay delivers nothing locally
                transport_maps = texthash:%1$s/etc/transport
                alias_maps =
                alias_database =
                local_recipient_maps =
                smtpd_relay_restrictions = reject
                smtpd_recipient_restrictions = reject
                biff = no
                readme_directory = no
                smtp_tls_security_level = may
                smtp_tls_loglevel = 1
                smtp_tls_CAfile = %4$s
                # Deferred mail comes back within seconds, not hours.
                minimal_backoff_time = 1s
                maximal_backoff_time = 2s
                queue_run_delay = 1s
                smtp_connect_timeout = 10s
                smtp_helo_timeout = 20s
                smtp_starttls_timeout = 20s
                """.formatted(base, lab, firstTransport, caFile);
    }

    /** Submits one message with Postfix's own sendmail into this instance's queue. */
    void submit(String from, String to, String subject) {
        byte[] message = ("From: <" + from + ">\nTo: <" + to + ">\nSubject: " + subject + "\n\nmailtls recorder test\n")
                .getBytes(StandardCharsets.US_ASCII);
        ExternalCommand.Result run = ExternalCommand.run(COMMAND_TIMEOUT, message,
                List.of("/usr/sbin/sendmail", "-C", etc().toString(), "-f", from, "--", to));
        if (!run.succeeded()) {
            throw new IllegalStateException("sendmail failed: " + run.describe());
        }
    }

    /** {@code postqueue -c DIR -f}: attempts every queued message now. */
    void flush() {
        ExternalCommand.run(COMMAND_TIMEOUT, null, List.of("/usr/sbin/postqueue", "-c", etc().toString(), "-f"));
    }

    /**
     * Polls the maillog (bounded: every 100 ms, flushing the queue every 2 s) until a line matches, at
     * most {@code timeout}; the matching line, or empty.
     */
    Optional<String> awaitLogLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextFlush = System.nanoTime() + FLUSH_EVERY.toNanos();
        while (true) {
            Optional<String> line = log().lines().filter(wanted).findFirst();
            if (line.isPresent() || System.nanoTime() > deadline) {
                return line;
            }
            if (System.nanoTime() > nextFlush) {
                flush();
                nextFlush = System.nanoTime() + FLUSH_EVERY.toNanos();
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(POLL.toNanos(), Math.max(1, deadline - System.nanoTime())));
        }
    }

    /** The delivery status line for a recipient ({@code status=sent}, {@code status=deferred}, ...), awaited. */
    Optional<String> awaitStatus(String recipient, String status, Duration timeout) throws InterruptedException {
        return awaitLogLine(line -> line.contains(" to=<" + recipient + ">") && line.contains(" status=" + status),
                timeout);
    }

    /** The whole maillog (bounded), for assertions and failure messages. */
    String log() {
        Path log = base.resolve("maillog");
        if (!Files.isRegularFile(log)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(log)) {
            return new String(in.readNBytes(MAX_LOG_BYTES), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops Postfix and deletes the instance directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs stop(), which is idempotent.
        }
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Optional<ProcessHandle> master = masterProcess();
        postfix("stop");
        master.ifPresent(p -> {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        });
        try (Stream<Path> paths = Files.walk(base)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is not worth failing a test for.
        }
    }

    private Optional<ProcessHandle> masterProcess() {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(base.resolve("spool/pid/master.pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Path etc() {
        return base.resolve("etc");
    }

    private ExternalCommand.Result postfix(String verb) {
        return ExternalCommand.run(COMMAND_TIMEOUT, null,
                List.of(PostfixServer.POSTFIX.toString(), "-c", etc().toString(), verb));
    }

    /** The shared test instance's master.cf: Postfix's internal services only, no listener, no client. */
    private static String template(String name) {
        try (InputStream in = PostfixRelay.class.getResourceAsStream("/postfix/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource postfix/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Routes for every (transport, scenario) pair: {@code <transport-suffix>.<scenario>.lab.test}. */
    static Map<String, String> routes(List<Transport> transports, Map<String, InetSocketAddress> endpoints) {
        Map<String, String> routes = new LinkedHashMap<>();
        for (Transport t : transports) {
            endpoints.forEach((scenario, address) -> routes.put(domain(t, scenario),
                    t.name() + ":[127.0.0.1]:" + address.getPort()));
        }
        return routes;
    }

    /** The recipient domain routed through {@code transport} to the lab's {@code scenario}. */
    static String domain(Transport transport, String scenario) {
        return transport.name().replace('_', '-') + "." + scenario + ".lab.test";
    }
}
