package io.mailtls.policy.mtasts;

import io.mailtls.dns.DnsNames;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches MTA-STS policies as RFC 8461 §3.3 asks: HTTPS with a valid certificate for the policy
 * host, no redirects, HTTP 200 only, {@code text/plain}, a size limit and a time limit.
 *
 * <p>A small HTTP/1.1 client over {@link SSLSocket} rather than {@code java.net.http.HttpClient}:
 * the policy host must be reachable at an address we choose (our DNS client, or the lab's fixed
 * loopback port) while SNI, the name check and the Host header still say {@code mta-sts.DOMAIN};
 * HttpClient resolves names itself and offers no per-request address.
 */
public final class StsPolicyFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(StsPolicyFetcher.class);
    /** RFC 8461 §3.3 suggests senders limit policy bodies; 64 KiB is the common choice. */
    public static final int MAX_BODY = 64 * 1024;
    /** At most this many addresses of the policy host are tried. */
    static final int MAX_ADDRESSES = 4;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mta-sts-fetch-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final X509TrustManager trust;
    private final PolicyHostResolver resolver;
    private final Duration timeout;

    /**
     * @param trust    the trust anchors for policy hosts (see {@link PolicyTrust})
     * @param resolver where to connect for a policy host
     * @param timeout  the limit for one whole fetch, from name resolution to the last body byte
     */
    public StsPolicyFetcher(X509TrustManager trust, PolicyHostResolver resolver, Duration timeout) {
        this.trust = trust;
        this.resolver = resolver;
        this.timeout = timeout;
    }

    /** Fetches {@code domain}'s policy; never throws for network or server problems. */
    public PolicyFetch fetch(String domain) {
        String host = PolicyFetch.hostFor(DnsNames.display(domain));
        String url = PolicyFetch.urlFor(DnsNames.display(domain));
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<InetSocketAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (IOException | RuntimeException e) {
            return result(url, FetchStatus.DNS_FAILURE, null, 0, null, null, true,
                    "cannot resolve " + host + ": " + e.getMessage(), start);
        }
        if (addresses.isEmpty()) {
            return result(url, FetchStatus.DNS_FAILURE, null, 0, null, null, true, host + " has no address", start);
        }
        PolicyFetch last = null;
        for (InetSocketAddress address : addresses.subList(0, Math.min(MAX_ADDRESSES, addresses.size()))) {
            last = fetchFrom(url, host, address, start, deadline);
            if (last.status() != FetchStatus.CONNECT_FAILED || System.nanoTime() >= deadline) {
                return last;
            }
        }
        return last;
    }

    private PolicyFetch fetchFrom(String url, String host, InetSocketAddress address, long start, long deadline) {
        String where = address.getAddress().getHostAddress() + ":" + address.getPort();
        AtomicBoolean expired = new AtomicBoolean();
        String phase = "connect";
        int status = 0;
        String contentType = null;
        try (Socket raw = new Socket()) {
            // The watchdog bounds the whole exchange, even against a server that drips one byte per read.
            ScheduledFuture<?> guard = WATCHDOG.schedule(() -> {
                expired.set(true);
                closeQuietly(raw);
            }, remainingMillis(deadline), TimeUnit.MILLISECONDS);
            try {
                raw.connect(address, (int) remainingMillis(deadline));
                raw.setSoTimeout((int) remainingMillis(deadline));
                phase = "TLS handshake";
                SSLSocket tls = handshake(raw, host, address.getPort());
                phase = "request";
                OutputStream out = tls.getOutputStream();
                out.write(("GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: mailtls\r\n"
                        + "Accept: text/plain\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                phase = "response headers";
                InputStream in = new BufferedInputStream(tls.getInputStream());
                var reader = new HttpResponseReader(in);
                HttpResponseReader.Head head = reader.readHead();
                status = head.status();
                contentType = head.header("Content-Type");
                if (status >= 300 && status < 400) {
                    String location = head.header("Location");
                    return result(url, FetchStatus.REDIRECT, where, status, contentType, null, true,
                            head.statusLine() + (location == null ? "" : ", Location: " + location), start);
                }
                if (status != 200) {
                    return result(url, FetchStatus.HTTP_ERROR, where, status, contentType, null, true,
                            head.statusLine(), start);
                }
                if (!isTextPlain(contentType)) {
                    return result(url, FetchStatus.WRONG_MEDIA_TYPE, where, status, contentType, null, true,
                            "Content-Type: " + (contentType == null ? "(none)" : contentType) + ", expected text/plain",
                            start);
                }
                phase = "body";
                byte[] body = reader.readBody(head, MAX_BODY);
                String text;
                boolean utf8 = true;
                try {
                    text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
                } catch (CharacterCodingException e) {
                    utf8 = false;
                    text = new String(body, StandardCharsets.UTF_8);
                }
                return result(url, FetchStatus.OK, where, status, contentType, text, utf8,
                        head.statusLine() + ", " + body.length + " bytes", start);
            } finally {
                guard.cancel(false);
            }
        } catch (HttpResponseReader.TooLarge e) {
            return result(url, FetchStatus.TOO_LARGE, where, status, contentType, null, true, e.getMessage(), start);
        } catch (IOException e) {
            if (expired.get() || e instanceof SocketTimeoutException) {
                return result(url, FetchStatus.TIMEOUT, where, status, contentType, null, true,
                        "no complete answer within " + timeout.toMillis() + " ms (during the " + phase + ")", start);
            }
            return classify(url, where, phase, status, contentType, e, start);
        } catch (GeneralSecurityException e) {
            return result(url, FetchStatus.TLS_FAILED, where, 0, null, null, true,
                    "cannot set up TLS: " + e.getMessage(), start);
        } catch (RuntimeException e) {
            // Hostile input must end as evidence, never as an exception escaping the audit.
            return result(url, FetchStatus.MALFORMED_RESPONSE, where, status, contentType, null, true,
                    e.getClass().getSimpleName() + ": " + e.getMessage() + " (during the " + phase + ")", start);
        }
    }

    private SSLSocket handshake(Socket raw, String host, int port) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new PolicyHostTrustManager(trust, host)}, null);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true);
        SSLParameters params = tls.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(host)));
        params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        tls.setSSLParameters(params);
        tls.startHandshake();
        return tls;
    }

    private PolicyFetch classify(String url, String where, String phase, int status, String contentType,
                                 IOException e, long start) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            FetchStatus cert = switch (t) {
                case PolicyHostTrustManager.Untrusted _ -> FetchStatus.CERT_UNTRUSTED;
                case PolicyHostTrustManager.Expired _ -> FetchStatus.CERT_EXPIRED;
                case PolicyHostTrustManager.NameMismatch _ -> FetchStatus.CERT_NAME_MISMATCH;
                default -> null;
            };
            if (cert != null) {
                return result(url, cert, where, 0, null, null, true, t.getMessage(), start);
            }
        }
        FetchStatus kind = switch (phase) {
            case "connect" -> FetchStatus.CONNECT_FAILED;
            case "TLS handshake" -> FetchStatus.TLS_FAILED;
            default -> e instanceof SSLException ? FetchStatus.TLS_FAILED : FetchStatus.MALFORMED_RESPONSE;
        };
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return result(url, kind, where, status, contentType, null, true, message + " (during the " + phase + ")", start);
    }

    /** {@code text/plain}, any parameters (RFC 8461 §3.2: "additional parameters are ignored"). */
    static boolean isTextPlain(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip();
        return media.toLowerCase(Locale.ROOT).equals("text/plain");
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing the policy connection: {}", e.toString());
        }
    }

    private static PolicyFetch result(String url, FetchStatus status, String address, int httpStatus,
                                      String contentType, String body, boolean utf8, String detail, long start) {
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new PolicyFetch(url, status, address, httpStatus, contentType, body, utf8, detail, elapsed);
    }
}
