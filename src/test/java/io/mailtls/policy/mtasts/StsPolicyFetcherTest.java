package io.mailtls.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mailtls.policy.TestCerts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The policy fetcher against real HTTPS servers on loopback, good and hostile. */
class StsPolicyFetcherTest {
    static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.good.test\r\nmax_age: 604800\r\n";
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final List<String> HOSTS = List.of("good", "chunked", "big", "bigstream", "redirect", "missing", "html",
            "stall", "drip", "latin1");

    /** Raw answers of the hostile TLS server, by policy host. */
    static final Map<String, String> HOSTILE = Map.of(
            "mta-sts.garbage.test", "SMTP 220 hello\r\n\r\n",
            "mta-sts.negchunk.test", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",
            "mta-sts.hugechunk.test", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n7fffffff\r\n",
            "mta-sts.headers.test", "HTTP/1.1 200 OK\r\n" + "X-Filler: x\r\n".repeat(500) + "\r\n",
            "mta-sts.longline.test", "HTTP/1.1 200 OK\r\nX-Long: " + "x".repeat(20_000) + "\r\n\r\n",
            "mta-sts.short.test", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 500\r\n\r\nversion: STSv1\r\n");

    static TestCerts.Issued ca;
    static HttpsServer server;
    static HttpsServer expiredServer;
    static ServerSocket silentServer;
    static SSLServerSocket garbageServer;
    static final CountDownLatch release = new CountDownLatch(1);
    static final List<Socket> accepted = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        ca = TestCerts.ca("Test Policy CA");
        var leaf = TestCerts.leaf(ca, "mta-sts.good.test",
                HOSTS.stream().map(h -> "mta-sts." + h + ".test").toList());
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCerts.serverContext(leaf, leaf.cert(), ca.cert())));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", StsPolicyFetcherTest::handle);
        server.start();

        var expired = TestCerts.leaf(ca, "mta-sts.old.test", List.of("mta-sts.old.test"),
                Instant.now().minus(Duration.ofDays(100)), Instant.now().minus(Duration.ofDays(10)));
        expiredServer = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        expiredServer.setHttpsConfigurator(new HttpsConfigurator(TestCerts.serverContext(expired, expired.cert(), ca.cert())));
        expiredServer.createContext("/", StsPolicyFetcherTest::handle);
        expiredServer.start();

        silentServer = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> acceptAndHold(silentServer));

        var garbageLeaf = TestCerts.leaf(ca, "mta-sts.garbage.test", HOSTILE.keySet().stream().toList());
        garbageServer = (SSLServerSocket) TestCerts.serverContext(garbageLeaf, garbageLeaf.cert(), ca.cert())
                .getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(StsPolicyFetcherTest::serveGarbage);
    }

    @AfterAll
    static void stopServers() throws Exception {
        release.countDown();
        server.stop(0);
        expiredServer.stop(0);
        silentServer.close();
        garbageServer.close();
        synchronized (accepted) {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    static void handle(HttpExchange exchange) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        try (exchange) {
            switch (host) {
                case "mta-sts.good.test", "mta-sts.old.test" -> send(exchange, 200, "text/plain; charset=utf-8", POLICY);
                case "mta-sts.chunked.test" -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (String line : POLICY.split("(?<=\n)")) {
                            out.write(line.getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    }
                }
                case "mta-sts.big.test", "mta-sts.bigstream.test" -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/plain");
                    int size = 10 * 1024 * 1024;
                    exchange.sendResponseHeaders(200, host.startsWith("mta-sts.big.") ? size : 0);
                    byte[] block = "mx: filler.example\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int sent = 0; sent < size; sent += block.length) {
                            out.write(block, 0, Math.min(block.length, size - sent));
                        }
                    } catch (IOException clientGaveUp) {
                        // Expected: the client stops reading at its limit and closes.
                    }
                }
                case "mta-sts.redirect.test" -> {
                    exchange.getResponseHeaders().set("Location", "https://elsewhere.test/policy.txt");
                    exchange.sendResponseHeaders(301, -1);
                }
                case "mta-sts.missing.test" -> send(exchange, 404, "text/html", "<h1>Not Found</h1>");
                case "mta-sts.html.test" -> send(exchange, 200, "text/html", "<html>" + POLICY + "</html>");
                case "mta-sts.latin1.test" -> {
                    byte[] body = "version: STSv1\nmode: testing\nmx: caf\u00e9.test\nmax_age: 86400\n"
                            .getBytes(StandardCharsets.ISO_8859_1);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                case "mta-sts.stall.test" -> awaitRelease();
                case "mta-sts.drip.test" -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    try {
                        // One byte every 50 ms: each read succeeds, so only a whole-fetch deadline ends it.
                        while (!release.await(50, TimeUnit.MILLISECONDS)) {
                            out.write('x');
                            out.flush();
                        }
                    } catch (IOException | InterruptedException clientGaveUp) {
                        // Expected once the client's deadline closes the connection.
                    }
                }
                default -> send(exchange, 500, "text/plain", "unexpected host " + host);
            }
        }
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void acceptAndHold(ServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                synchronized (accepted) {
                    accepted.add(s);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Completes TLS, reads the request, answers with something that is not HTTP. */
    static void serveGarbage() {
        while (!garbageServer.isClosed()) {
            try (SSLSocket s = (SSLSocket) garbageServer.accept()) {
                InputStream in = s.getInputStream();
                var request = new StringBuilder();
                while (!request.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    request.append((char) b);
                }
                String host = request.toString().lines().filter(l -> l.startsWith("Host: ")).findFirst()
                        .map(l -> l.substring(6).strip()).orElse("");
                s.getOutputStream().write(HOSTILE.getOrDefault(host, "").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                if (garbageServer.isClosed()) {
                    return;
                }
            }
        }
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    static StsPolicyFetcher fetcher(X509TrustManager trust, Map<String, InetSocketAddress> hosts) {
        return new StsPolicyFetcher(trust, PolicyHostResolver.fixed(hosts), TIMEOUT);
    }

    static PolicyFetch fetch(String domain) {
        var map = new java.util.HashMap<String, InetSocketAddress>();
        for (String h : HOSTS) {
            map.put("mta-sts." + h + ".test", loopback(server.getAddress().getPort()));
        }
        map.put("mta-sts.other.test", loopback(server.getAddress().getPort()));
        map.put("mta-sts.old.test", loopback(expiredServer.getAddress().getPort()));
        map.put("mta-sts.silent.test", loopback(silentServer.getLocalPort()));
        for (String hostile : HOSTILE.keySet()) {
            map.put(hostile, loopback(garbageServer.getLocalPort()));
        }
        return fetcher(PolicyTrust.only(List.of(ca.cert())), map).fetch(domain);
    }

    @Test
    void goodPolicyIsFetchedWithItsEvidence() {
        PolicyFetch f = fetch("good.test");

        assertThat(f.status()).isEqualTo(FetchStatus.OK);
        assertThat(f.body()).isEqualTo(POLICY);
        assertThat(f.validUtf8()).isTrue();
        assertThat(f.httpStatus()).isEqualTo(200);
        assertThat(f.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(f.url()).isEqualTo("https://mta-sts.good.test/.well-known/mta-sts.txt");
        assertThat(f.address()).isEqualTo("127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void chunkedPolicyIsReassembled() {
        PolicyFetch f = fetch("chunked.test");

        assertThat(f.status()).isEqualTo(FetchStatus.OK);
        assertThat(f.body()).isEqualTo(POLICY);
    }

    @Test
    void tenMegabytesAnnouncedByContentLengthAreRefusedUnread() {
        PolicyFetch f = fetch("big.test");

        assertThat(f.status()).isEqualTo(FetchStatus.TOO_LARGE);
        assertThat(f.detail()).contains("Content-Length 10485760");
        assertThat(f.body()).isNull();
    }

    @Test
    void tenMegabytesStreamedAreCutAtTheLimit() {
        PolicyFetch f = fetch("bigstream.test");

        assertThat(f.status()).isEqualTo(FetchStatus.TOO_LARGE);
        assertThat(f.detail()).contains("more than " + StsPolicyFetcher.MAX_BODY + " bytes");
    }

    @Test
    void redirectIsNotFollowed() {
        PolicyFetch f = fetch("redirect.test");

        assertThat(f.status()).isEqualTo(FetchStatus.REDIRECT);
        assertThat(f.httpStatus()).isEqualTo(301);
        assertThat(f.detail()).contains("Location: https://elsewhere.test/policy.txt");
    }

    @Test
    void statusOtherThan200IsAnHttpError() {
        PolicyFetch f = fetch("missing.test");

        assertThat(f.status()).isEqualTo(FetchStatus.HTTP_ERROR);
        assertThat(f.httpStatus()).isEqualTo(404);
        assertThat(f.detail()).contains("404");
    }

    @Test
    void htmlIsTheWrongMediaType() {
        PolicyFetch f = fetch("html.test");

        assertThat(f.status()).isEqualTo(FetchStatus.WRONG_MEDIA_TYPE);
        assertThat(f.detail()).contains("text/html");
    }

    @Test
    void invalidUtf8IsFetchedButFlagged() {
        PolicyFetch f = fetch("latin1.test");

        assertThat(f.status()).isEqualTo(FetchStatus.OK);
        assertThat(f.validUtf8()).isFalse();
    }

    @Test
    void certificateForAnotherNameIsANameMismatch() {
        PolicyFetch f = fetch("other.test");

        assertThat(f.status()).isEqualTo(FetchStatus.CERT_NAME_MISMATCH);
        assertThat(f.detail()).contains("mta-sts.other.test").contains("mta-sts.good.test");
        assertThat(f.status().tlsRptResultType()).isEqualTo("sts-webpki-invalid");
    }

    @Test
    void chainFromAnUnknownCaIsUntrusted() {
        var stranger = TestCerts.ca("Stranger CA");
        var map = Map.of("mta-sts.good.test", loopback(server.getAddress().getPort()));

        PolicyFetch f = fetcher(PolicyTrust.only(List.of(stranger.cert())), map).fetch("good.test");
        PolicyFetch jdk = fetcher(PolicyTrust.jdkDefaults(), map).fetch("good.test");

        assertThat(f.status()).isEqualTo(FetchStatus.CERT_UNTRUSTED);
        assertThat(f.detail()).contains("Test Policy CA");
        assertThat(jdk.status()).isEqualTo(FetchStatus.CERT_UNTRUSTED);
    }

    @Test
    void extraCaBesideTheJdksIsTrusted() {
        var map = Map.of("mta-sts.good.test", loopback(server.getAddress().getPort()));

        PolicyFetch f = fetcher(PolicyTrust.jdkPlus(List.of(ca.cert())), map).fetch("good.test");

        assertThat(f.status()).isEqualTo(FetchStatus.OK);
    }

    @Test
    void expiredCertificateIsReportedWithItsDates() {
        PolicyFetch f = fetch("old.test");

        assertThat(f.status()).isEqualTo(FetchStatus.CERT_EXPIRED);
        assertThat(f.detail()).contains("valid from");
    }

    @Test
    void hostThatStallsAfterTheRequestTimesOut() {
        PolicyFetch f = fetch("stall.test");

        assertThat(f.status()).isEqualTo(FetchStatus.TIMEOUT);
        assertThat(f.detail()).contains("response headers");
        assertThat(f.elapsedMillis()).isLessThan(TIMEOUT.toMillis() + 2000);
    }

    @Test
    void hostThatNeverStartsTlsTimesOut() {
        PolicyFetch f = fetch("silent.test");

        assertThat(f.status()).isEqualTo(FetchStatus.TIMEOUT);
        assertThat(f.detail()).contains("TLS handshake");
        assertThat(f.elapsedMillis()).isLessThan(TIMEOUT.toMillis() + 2000);
    }

    @Test
    void hostThatDripsBytesIsCutAtTheDeadline() {
        PolicyFetch f = fetch("drip.test");

        assertThat(f.status()).isEqualTo(FetchStatus.TIMEOUT);
        assertThat(f.detail()).contains("body");
        assertThat(f.elapsedMillis()).isLessThan(TIMEOUT.toMillis() + 2000);
    }

    @Test
    void nonHttpAnswerIsMalformed() {
        PolicyFetch f = fetch("garbage.test");

        assertThat(f.status()).isEqualTo(FetchStatus.MALFORMED_RESPONSE);
        assertThat(f.detail()).contains("SMTP 220 hello");
    }

    @Test
    void hostileHttpFramingIsMalformedOrTooLargeNeverAnException() {
        assertThat(fetch("negchunk.test")).satisfies(f -> {
            assertThat(f.status()).isEqualTo(FetchStatus.MALFORMED_RESPONSE);
            assertThat(f.detail()).contains("not hexadecimal");
        });
        assertThat(fetch("hugechunk.test").status()).isEqualTo(FetchStatus.TOO_LARGE);
        assertThat(fetch("headers.test").detail()).contains("more than " + HttpResponseReader.MAX_HEADERS);
        assertThat(fetch("longline.test").detail()).contains("longer than " + HttpResponseReader.MAX_LINE);
        assertThat(fetch("short.test")).satisfies(f -> {
            assertThat(f.status()).isEqualTo(FetchStatus.MALFORMED_RESPONSE);
            assertThat(f.detail()).contains("of 500 bytes");
        });
    }

    @Test
    void refusedConnectionTriesTheNextAddress() throws Exception {
        int closed;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        var good = loopback(server.getAddress().getPort());
        PolicyHostResolver twoAddresses = host -> List.of(loopback(closed), good);

        PolicyFetch onlyClosed = fetcher(PolicyTrust.only(List.of(ca.cert())), Map.of("mta-sts.good.test", loopback(closed)))
                .fetch("good.test");
        PolicyFetch second = new StsPolicyFetcher(PolicyTrust.only(List.of(ca.cert())), twoAddresses, TIMEOUT)
                .fetch("good.test");

        assertThat(onlyClosed.status()).isEqualTo(FetchStatus.CONNECT_FAILED);
        assertThat(onlyClosed.detail()).contains("connect");
        assertThat(second.status()).isEqualTo(FetchStatus.OK);
        assertThat(second.address()).endsWith(":" + good.getPort());
    }

    @Test
    void hostWithoutAddressIsADnsFailure() {
        PolicyFetch f = fetcher(PolicyTrust.jdkDefaults(), Map.of()).fetch("nowhere.test");

        assertThat(f.status()).isEqualTo(FetchStatus.DNS_FAILURE);
        assertThat(f.detail()).contains("mta-sts.nowhere.test");
        assertThat(f.address()).isNull();
    }

    @Test
    void mediaTypeParametersAreIgnored() {
        assertThat(StsPolicyFetcher.isTextPlain("text/plain")).isTrue();
        assertThat(StsPolicyFetcher.isTextPlain("Text/Plain ; charset=us-ascii")).isTrue();
        assertThat(StsPolicyFetcher.isTextPlain("text/plaintext")).isFalse();
        assertThat(StsPolicyFetcher.isTextPlain(null)).isFalse();
    }
}
