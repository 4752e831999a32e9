package io.mailtls.lab.domain.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mailtls.lab.pki.LabPki;
import io.mailtls.policy.mtasts.FetchStatus;
import io.mailtls.policy.mtasts.PolicyFetch;
import io.mailtls.policy.mtasts.PolicyHostResolver;
import io.mailtls.policy.mtasts.PolicyTrust;
import io.mailtls.policy.mtasts.StsPolicyFetcher;

/** The policy host fetched by the project's own RFC 8461 fetcher, trusting only the lab root. */
class LabMtaStsTest {

    static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx1.good.lab.test\r\nmax_age: 86400\r\n";

    static LabPki pki;
    static LabMtaSts host;

    @BeforeAll
    static void start() throws Exception {
        pki = LabPki.create();
        host = LabMtaSts.start(pki, List.of(
                new PolicySite("good.lab.test", POLICY, PolicyFault.NONE),
                new PolicySite("other.lab.test", POLICY.replace("good", "other"), PolicyFault.NONE),
                new PolicySite("missing.lab.test", POLICY, PolicyFault.NOT_FOUND),
                new PolicySite("stall.lab.test", POLICY, PolicyFault.STALL),
                new PolicySite("huge.lab.test", POLICY, PolicyFault.OVERSIZED)), LabMtaStsConfig.defaults());
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    static PolicyFetch fetch(String domain, Duration timeout, List<X509Certificate> trusted) {
        var resolver = PolicyHostResolver.fixed(Map.of("mta-sts." + domain, host.address()));
        return new StsPolicyFetcher(PolicyTrust.only(trusted), resolver, timeout).fetch(domain);
    }

    static PolicyFetch fetch(String domain) {
        return fetch(domain, Duration.ofSeconds(5), List.of(pki.root()));
    }

    @Test
    void eachDomainGetsItsOwnPolicyAndCertificate() {
        PolicyFetch good = fetch("good.lab.test");
        PolicyFetch other = fetch("other.lab.test");

        assertThat(good.status()).isEqualTo(FetchStatus.OK);
        assertThat(good.body()).isEqualTo(POLICY);
        assertThat(good.contentType()).isEqualTo("text/plain");
        assertThat(other.status()).isEqualTo(FetchStatus.OK);
        assertThat(other.body()).contains("mx: mx1.other.lab.test");
        assertThat(host.credential("good.lab.test").orElseThrow().leaf().getSubjectX500Principal().getName())
                .contains("CN=mta-sts.good.lab.test");
        assertThat(host.requests("mta-sts.good.lab.test")).isPositive();
    }

    @Test
    void anUnknownHostGetsACertificateForNoneOfOurNames() {
        var resolver = PolicyHostResolver.fixed(Map.of("mta-sts.unknown.lab.test", host.address()));
        PolicyFetch fetch = new StsPolicyFetcher(PolicyTrust.only(List.of(pki.root())), resolver,
                Duration.ofSeconds(5)).fetch("unknown.lab.test");

        assertThat(fetch.status()).isEqualTo(FetchStatus.CERT_NAME_MISMATCH);
    }

    @Test
    void theCertificateChainsToTheLabRootOnly() {
        PolicyFetch fetch = fetch("good.lab.test", Duration.ofSeconds(5), List.of(LabPki.create().root()));

        assertThat(fetch.status()).isEqualTo(FetchStatus.CERT_UNTRUSTED);
    }

    @Test
    void notFoundIsAnHttpError() {
        PolicyFetch fetch = fetch("missing.lab.test");

        assertThat(fetch.status()).isEqualTo(FetchStatus.HTTP_ERROR);
        assertThat(fetch.httpStatus()).isEqualTo(404);
    }

    @Test
    void aStallingHostRunsIntoTheFetchersDeadline() {
        long start = System.nanoTime();
        PolicyFetch fetch = fetch("stall.lab.test", Duration.ofMillis(800), List.of(pki.root()));

        assertThat(fetch.status()).isEqualTo(FetchStatus.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(host.requests("mta-sts.stall.lab.test")).isPositive();
    }

    @Test
    void anOversizedPolicyIsCutOffByTheFetchersLimit() {
        PolicyFetch fetch = fetch("huge.lab.test");

        assertThat(fetch.status()).isEqualTo(FetchStatus.TOO_LARGE);
    }

    @Test
    void anEndlessRequestHeadIsRefusedWithinItsBound() throws Exception {
        String response = exchange("mta-sts.good.lab.test",
                "GET " + LabMtaSts.POLICY_PATH + " HTTP/1.1\r\nX-Filler: " + "a".repeat(20_000) + "\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertThat(exchange("mta-sts.good.lab.test", "GET /index.html HTTP/1.1\r\nHost: mta-sts.good.lab.test\r\n\r\n"))
                .startsWith("HTTP/1.1 404 ");
        assertThat(exchange("mta-sts.good.lab.test",
                "POST " + LabMtaSts.POLICY_PATH + " HTTP/1.1\r\nHost: mta-sts.good.lab.test\r\n\r\n"))
                .startsWith("HTTP/1.1 405 ");
    }

    /** One raw HTTPS exchange, trusting the lab root, with the given SNI. */
    static String exchange(String sni, String request) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {PolicyTrust.only(List.of(pki.root()))}, null);
        InetSocketAddress address = host.address();
        try (var socket = (SSLSocket) context.getSocketFactory().createSocket(address.getAddress(),
                address.getPort())) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(sni)));
            socket.setSSLParameters(parameters);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException e) {
                // The server may answer and close before it has read all of an oversized request.
            }
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(200), StandardCharsets.US_ASCII);
        }
    }
}
