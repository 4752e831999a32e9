package io.mailtls.lab.domain.mtasts;

import io.mailtls.lab.domain.Shutdown;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailtls.lab.LabStartException;
import io.mailtls.lab.pki.Credential;
import io.mailtls.lab.pki.CredentialKind;
import io.mailtls.lab.pki.LabPki;

/**
 * The lab's MTA-STS policy host: one HTTPS port on loopback serving
 * {@code /.well-known/mta-sts.txt} for every {@code mta-sts.DOMAIN} it knows, chosen by SNI for the
 * certificate and by the Host header for the content, each domain with its own certificate from the
 * lab PKI and, if asked, its own fault. One request per connection; every read has a timeout and
 * every connection a lifetime.
 */
public final class LabMtaSts implements AutoCloseable {

    /** The only path RFC 8461 §3.3 defines. */
    public static final String POLICY_PATH = "/.well-known/mta-sts.txt";
    /** The name of the certificate presented to a client that names no known host: it matches none. */
    public static final String FALLBACK_HOST = "mta-sts.invalid";

    private static final Logger LOG = LoggerFactory.getLogger(LabMtaSts.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);
    private static final int CHUNK = 16 * 1024;

    private final LabMtaStsConfig config;
    private final SSLServerSocket listener;
    private final Map<String, PolicySite> sites;
    private final Map<String, Credential> credentials;
    private final ScheduledExecutorService watchdog;
    private final Semaphore permits;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private LabMtaSts(LabMtaStsConfig config, SSLServerSocket listener, Map<String, PolicySite> sites,
                      Map<String, Credential> credentials) {
        this.config = config;
        this.listener = listener;
        this.sites = sites;
        this.credentials = credentials;
        this.permits = new Semaphore(config.maxConnections());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lab-mta-sts-watchdog").daemon(true).factory());
    }

    /**
     * Issues a certificate per policy host from {@code pki} and starts listening.
     *
     * @throws LabStartException when the port cannot be bound
     */
    public static LabMtaSts start(LabPki pki, List<PolicySite> sites, LabMtaStsConfig config)
            throws LabStartException {
        Map<String, PolicySite> byHost = new LinkedHashMap<>();
        Map<String, Credential> credentials = new LinkedHashMap<>();
        for (PolicySite site : sites) {
            if (byHost.putIfAbsent(site.host(), site) != null) {
                throw new IllegalArgumentException("two policies for " + site.domain());
            }
            credentials.put(site.host(), pki.issue(CredentialKind.GOOD, List.of(site.host())));
        }
        credentials.put(FALLBACK_HOST, pki.issue(CredentialKind.GOOD, List.of(FALLBACK_HOST)));
        SSLServerSocket listener;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new SniKeyManager(credentials, FALLBACK_HOST)}, null, null);
            listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            listener.setReuseAddress(true);
            listener.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            listener.bind(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS server context", e);
        } catch (IOException e) {
            throw new LabStartException("cannot listen for the MTA-STS policy host on "
                    + config.bindAddress().getHostAddress() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        var host = new LabMtaSts(config, listener, Map.copyOf(byHost), Map.copyOf(credentials));
        host.spawn("lab-mta-sts-accept", host::acceptLoop);
        return host;
    }

    /** The address and port every policy host name is served on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** The HTTPS port. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The sites served, by policy host name. */
    public Map<String, PolicySite> sites() {
        return sites;
    }

    /** The certificate presented for {@code mta-sts.DOMAIN}, when the domain is served. */
    public Optional<Credential> credential(String domain) {
        return Optional.ofNullable(credentials.get("mta-sts." + domain));
    }

    /** Requests received for {@code host} (a policy host name, as sent in the Host header). */
    public long requests(String host) {
        AtomicLong count = requests.get(host);
        return count == null ? 0 : count.get();
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

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("lab policy host stopped accepting: {}", e.toString());
                }
                return;
            }
            if (closed || !permits.tryAcquire()) {
                Shutdown.closeQuietly(socket);
                continue;
            }
            sockets.add(socket);
            spawn("lab-mta-sts", () -> serve((SSLSocket) socket));
        }
    }

    private void serve(SSLSocket socket) {
        long lifetime = config.stall().plus(config.readTimeout()).toMillis();
        ScheduledFuture<?> guard = watchdog.schedule(() -> Shutdown.closeQuietly(socket), lifetime, TimeUnit.MILLISECONDS);
        try (socket) {
            socket.setSoTimeout((int) config.readTimeout().toMillis());
            socket.startHandshake();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            PolicyRequest request;
            try {
                request = PolicyRequest.read(in);
            } catch (java.net.ProtocolException e) {
                respond(out, 400, "Bad Request", e.getMessage() + "\n");
                return;
            }
            if (request.host() != null) {
                requests.computeIfAbsent(request.host(), h -> new AtomicLong()).incrementAndGet();
            }
            PolicySite site = request.host() == null ? null : sites.get(request.host());
            if (!request.method().equals("GET")) {
                respond(out, 405, "Method Not Allowed", "only GET\n");
            } else if (site == null || !request.path().equals(POLICY_PATH)) {
                respond(out, 404, "Not Found", "no policy here\n");
            } else {
                answer(site, out);
            }
        } catch (IOException e) {
            LOG.debug("lab policy host connection: {}", e.toString());
        } finally {
            guard.cancel(false);
            sockets.remove(socket);
            permits.release();
        }
    }

    private void answer(PolicySite site, OutputStream out) throws IOException {
        switch (site.fault()) {
            case NONE -> respond(out, 200, "OK", site.policy());
            case NOT_FOUND -> respond(out, 404, "Not Found", "no policy here\n");
            case STALL -> {
                try {
                    // Wait without answering until the lab closes or the stall ends, whichever is first.
                    closing.await(config.stall().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case OVERSIZED -> oversized(out, site.policy());
        }
    }

    /** A valid policy first, then padding to the configured size, with no length: the client must count. */
    private void oversized(OutputStream out, String policy) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] start = policy.getBytes(StandardCharsets.UTF_8);
        out.write(start);
        byte[] padding = new byte[CHUNK];
        Arrays.fill(padding, (byte) ' ');
        for (int i = 63; i < CHUNK; i += 64) {
            padding[i] = '\n';
        }
        long left = config.oversizeBytes() - start.length;
        while (left > 0 && !closed) {
            int n = (int) Math.min(CHUNK, left);
            out.write(padding, 0, n);
            left -= n;
        }
        out.flush();
    }

    private static void respond(OutputStream out, int status, String reason, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    /** Stops listening, ends stalled exchanges and closes every connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing.countDown();
        Shutdown.closeQuietly(listener);
        for (Socket socket : List.copyOf(sockets)) {
            Shutdown.closeQuietly(socket);
        }
        Shutdown.join(threads, SHUTDOWN_WAIT);
        watchdog.shutdownNow();
    }

    @Override
    public String toString() {
        return "LabMtaSts[" + address() + ", " + sites.size() + " domains]";
    }
}
