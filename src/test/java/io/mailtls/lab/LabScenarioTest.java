package io.mailtls.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.mailtls.lab.RawSmtpClient.Reply;
import io.mailtls.lab.pki.LabPki;

/** Every scenario, driven by a raw test client over real loopback sockets. */
class LabScenarioTest {

    private static final Duration GREETING_DELAY = Duration.ofMillis(300);
    private static final Duration DRIP_DELAY = Duration.ofMillis(3);
    private static final String HOST = LabPki.HOST;

    private static Lab lab;
    private static SSLContext trusting;

    @BeforeAll
    static void startLab() throws Exception {
        lab = Lab.start(LabConfig.all().withGreetingDelay(GREETING_DELAY).withDripDelay(DRIP_DELAY));
        trusting = TestTls.trusting(lab.caFile());
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void scenarioNamesFollowTheContractInOrder() {
        assertThat(Scenario.ids()).containsExactly("good", "no-starttls", "starttls-refused",
                "drop-after-starttls", "expired", "not-yet-valid", "wrong-name", "self-signed",
                "missing-intermediate", "tls10-only", "weak-ciphers", "slow-greeting", "throttled",
                "starttls-injection", "auth-before-tls", "endless-line", "drip", "garbage-after-starttls",
                "huge-chain", "hostile-banner", "greeting-rejected");
        assertThat(lab.endpoints().keySet()).containsExactlyElementsOf(Scenario.ids());
        assertThat(lab.endpoints().values()).allSatisfy(address -> assertThat(address.getAddress().isLoopbackAddress()).isTrue());
        assertThat(Scenario.values()).allSatisfy(s -> assertThat(s.description()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void goodOffersEsmtpUpgradesToVerifiedTlsAndAcceptsMail() throws Exception {
        try (var client = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
            Reply greeting = client.reply();
            assertThat(greeting.code()).isEqualTo(220);
            assertThat(greeting.last()).startsWith(HOST + " ESMTP");
            Reply ehlo = client.command("EHLO client.lab.test");
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.lines().getFirst()).isEqualTo(HOST);
            assertThat(ehlo.lines()).contains("PIPELINING", "STARTTLS", "8BITMIME", "ENHANCEDSTATUSCODES",
                    "SIZE " + LabConfig.DEFAULT_MAX_MESSAGE_BYTES);
            assertThat(ehlo.lines()).noneMatch(line -> line.startsWith("AUTH"));
            assertThat(client.command("STARTTLS").code()).isEqualTo(220);

            SSLSocket tls = client.startTls(trusting, HOST, p -> p.setEndpointIdentificationAlgorithm("HTTPS"));
            assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");

            Reply ehloAfter = client.command("EHLO client.lab.test");
            assertThat(ehloAfter.code()).isEqualTo(250);
            assertThat(ehloAfter.lines()).doesNotContain("STARTTLS").contains("PIPELINING");
            assertThat(client.command("STARTTLS").code()).isEqualTo(503);
            assertThat(client.command("MAIL FROM:<a@client.lab.test> SIZE=100").code()).isEqualTo(250);
            assertThat(client.command("RCPT TO:<x@lab.test>").code()).isEqualTo(250);
            assertThat(client.command("DATA").code()).isEqualTo(354);
            client.send("Subject: hello\r\n\r\nbody line\r\n..starts with a dot\r\n.");
            Reply queued = client.reply();
            assertThat(queued.code()).isEqualTo(250);
            assertThat(client.command("QUIT").code()).isEqualTo(221);
        }
        ReceivedMessage message = lab.server(Scenario.GOOD).messages().stream()
                .filter(m -> m.mailFrom().equals("a@client.lab.test")).findFirst().orElseThrow();
        assertThat(message.recipients()).containsExactly("x@lab.test");
        assertThat(message.overTls()).isTrue();
        assertThat(message.text()).isEqualTo("Subject: hello\r\n\r\nbody line\r\n.starts with a dot\r\n");
    }

    @Test
    void goodDiscardsPlaintextPipelinedBehindStartTls() throws Exception {
        try (var client = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
            client.reply();
            client.command("EHLO client.lab.test");
            client.sendRaw("STARTTLS\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.reply().code()).isEqualTo(220);
            client.startTls(trusting, HOST, p -> { });
            // Had the NOOP survived, its "250 2.0.0 Ok" would come first.
            Reply first = client.command("EHLO client.lab.test");
            assertThat(first.lines()).hasSizeGreaterThan(1).startsWith(HOST);
        }
    }

    @Test
    void starttlsInjectionAnswersPipelinedPlaintextInsideTls() throws Exception {
        try (var client = RawSmtpClient.connect(lab.address(Scenario.STARTTLS_INJECTION))) {
            client.reply();
            assertThat(client.command("EHLO client.lab.test").lines()).contains("STARTTLS");
            client.sendRaw("STARTTLS\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.reply().code()).isEqualTo(220);
            client.startTls(trusting, HOST, p -> { });
            Reply injected = client.reply();
            assertThat(injected.code()).isEqualTo(250);
            assertThat(injected.last()).isEqualTo("2.0.0 Ok");
        }
    }

    @Test
    void noStarttlsNeitherOffersNorImplementsIt() throws Exception {
        try (var client = RawSmtpClient.connect(lab.address(Scenario.NO_STARTTLS))) {
            assertThat(client.reply().code()).isEqualTo(220);
            Reply ehlo = client.command("EHLO client.lab.test");
            assertThat(ehlo.lines()).contains("PIPELINING").doesNotContain("STARTTLS");
            assertThat(client.command("STARTTLS").code()).isEqualTo(502);
        }
    }

    @Test
    void starttlsRefusedOffersItThenAnswers454() throws Exception {
        try (var client = RawSmtpClient.connect(lab.address(Scenario.STARTTLS_REFUSED))) {
            client.reply();
            assertThat(client.command("EHLO client.lab.test").lines()).contains("STARTTLS");
            Reply refused = client.command("STARTTLS");
            assertThat(refused.code()).isEqualTo(454);
            assertThat(refused.last()).startsWith("4.7.0");
            assertThat(client.command("NOOP").code()).as("the session goes on in plaintext").isEqualTo(250);
        }
    }

    @Test
    void dropAfterStarttlsClosesAfterThe220() throws Exception {
        try (var client = RawSmtpClient.connect(lab.address(Scenario.DROP_AFTER_STARTTLS))) {
            client.reply();
            client.command("EHLO client.lab.test");
            assertThat(client.command("STARTTLS").code()).isEqualTo(220);
            assertThat(client.readToEnd(1024)).isEmpty();
        }
    }

    @Test
    void garbageAfterStarttlsSendsPlaintextWhereTlsBelongs() throws Exception {
        try (var client = RawSmtpClient.connect(lab.address(Scenario.GARBAGE_AFTER_STARTTLS))) {
            client.reply();
            client.command("EHLO client.lab.test");
            assertThat(client.command("STARTTLS").code()).isEqualTo(220);
            byte[] rest = client.readToEnd(16 * 1024);
            assertThat(new String(rest, StandardCharsets.US_ASCII)).startsWith("this is not TLS");
            assertThat(rest[0]).as("not a TLS record type").isNotIn((byte) 20, (byte) 21, (byte) 22, (byte) 23);
        }
        try (var client = RawSmtpClient.connect(lab.address(Scenario.GARBAGE_AFTER_STARTTLS))) {
            client.reply();
            client.command("STARTTLS");
            assertThatThrownBy(() -> client.startTls(trusting, HOST, p -> { })).isInstanceOf(SSLException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"EXPIRED", "NOT_YET_VALID", "WRONG_NAME", "SELF_SIGNED", "MISSING_INTERMEDIATE"})
    void faultyCertificatesAreServedAndFailVerification(Scenario scenario) throws Exception {
        var seen = new AtomicReference<List<X509Certificate>>();
        try (var client = upgradedTo(scenario, TestTls.recording(seen))) {
            assertThat(client.command("NOOP").code()).as("TLS works when the client does not verify").isEqualTo(250);
        }
        List<X509Certificate> chain = seen.get();
        X509Certificate leaf = chain.getFirst();
        switch (scenario) {
            case EXPIRED -> assertThatThrownBy(leaf::checkValidity).isInstanceOf(CertificateExpiredException.class);
            case NOT_YET_VALID -> assertThatThrownBy(leaf::checkValidity)
                    .isInstanceOf(CertificateNotYetValidException.class);
            case WRONG_NAME -> assertThat(leaf.getSubjectAlternativeNames().stream()
                    .map(entry -> String.valueOf(entry.get(1))).toList()).containsExactly(LabPki.WRONG_NAME);
            case SELF_SIGNED -> {
                assertThat(chain).hasSize(1);
                assertThat(leaf.getIssuerX500Principal()).isEqualTo(leaf.getSubjectX500Principal());
            }
            case MISSING_INTERMEDIATE -> {
                assertThat(chain).hasSize(1);
                assertThat(leaf.getIssuerX500Principal()).isEqualTo(lab.pki().intermediate().getSubjectX500Principal());
            }
            default -> throw new AssertionError(scenario);
        }
        Throwable verifying = catchThrowable(() -> verified(scenario).close());
        assertThat(verifying).as("a verifying client must refuse " + scenario).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void tls10OnlyNegotiatesTls11OrOlderAndRefusesTls12() throws Exception {
        assertThat(lab.legacyTlsActive()).as(LegacyTlsSessionListener.WHY).isTrue();
        try (var client = upgradedTo(Scenario.TLS10_ONLY, trusting,
                p -> p.setProtocols(new String[] {"TLSv1.2", "TLSv1.1", "TLSv1"}))) {
            assertThat(client.command("EHLO client.lab.test").code()).isEqualTo(250);
        }
        assertThat(lastSession(Scenario.TLS10_ONLY).tlsProtocol()).isEqualTo("TLSv1.1");
        try (var client = upgradedTo(Scenario.TLS10_ONLY, trusting, p -> p.setProtocols(new String[] {"TLSv1"}))) {
            assertThat(client.command("NOOP").code()).isEqualTo(250);
        }
        Throwable modern = catchThrowable(() -> upgradedTo(Scenario.TLS10_ONLY, trusting,
                p -> p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"})).close());
        assertThat(modern).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void weakCiphersServes3desAndStaticRsaAndNothingForwardSecret() throws Exception {
        assertThat(lab.legacyTlsActive()).as(LegacyTlsSessionListener.WHY).isTrue();
        var seen = new AtomicReference<List<X509Certificate>>();
        try (var client = upgradedTo(Scenario.WEAK_CIPHERS, TestTls.recording(seen),
                p -> p.setCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "SSL_RSA_WITH_3DES_EDE_CBC_SHA"}))) {
            assertThat(client.command("NOOP").code()).isEqualTo(250);
        }
        SessionRecord triple = lastSession(Scenario.WEAK_CIPHERS);
        assertThat(triple.tlsProtocol()).isEqualTo("TLSv1.2");
        assertThat(triple.tlsCipher()).isEqualTo("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        assertThat(((RSAPublicKey) seen.get().getFirst().getPublicKey()).getModulus().bitLength()).isEqualTo(2048);

        try (var client = upgradedTo(Scenario.WEAK_CIPHERS, trusting, p -> p.setCipherSuites(new String[] {
                "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384"}))) {
            assertThat(client.command("NOOP").code()).isEqualTo(250);
        }
        assertThat(lastSession(Scenario.WEAK_CIPHERS).tlsCipher()).isEqualTo("TLS_RSA_WITH_AES_256_GCM_SHA384");

        Throwable forwardSecret = catchThrowable(() -> upgradedTo(Scenario.WEAK_CIPHERS, trusting,
                p -> p.setCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"})).close());
        assertThat(forwardSecret).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void hugeChainSendsMoreThanAClientShouldAccept() throws Exception {
        var seen = new AtomicReference<List<X509Certificate>>();
        Throwable failure = catchThrowable(() -> upgradedTo(Scenario.HUGE_CHAIN, TestTls.recording(seen)).close());
        if (failure == null) {
            // Only a JVM whose jdk.tls.maxHandshakeMessageSize was raised gets here.
            assertThat(seen.get()).hasSize(LabPki.HUGE_CHAIN_INTERMEDIATES + 1);
        } else {
            // The JDK's default limit for one handshake message is 32 KB; the chain is over 100 KB.
            assertThat(failure).isInstanceOf(SSLException.class);
            assertThat(failure).hasMessageContaining("exceeds the maximum allowed size");
        }
    }

    @Test
    void slowGreetingWaitsTheConfiguredDelay() throws Exception {
        long start = System.nanoTime();
        try (var client = RawSmtpClient.connect(lab.address(Scenario.SLOW_GREETING))) {
            assertThat(client.reply().code()).isEqualTo(220);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(GREETING_DELAY);
            assertThat(client.command("EHLO client.lab.test").lines()).contains("STARTTLS");
        }
        assertThat(LabConfig.DEFAULT_GREETING_DELAY).isGreaterThan(Duration.ofSeconds(5));
    }

    @Test
    void throttledGreets421AndCloses() throws Exception {
        try (var client = RawSmtpClient.connect(lab.address(Scenario.THROTTLED))) {
            Reply greeting = client.reply();
            assertThat(greeting.code()).isEqualTo(421);
            assertThat(greeting.last()).startsWith("4.7.0 " + HOST);
            assertThat(client.readToEnd(1024)).isEmpty();
        }
    }

    @Test
    void greetingRejectedAnswers554AndThenOnlyQuit() throws Exception {
        try (var client = RawSmtpClient.connect(lab.address(Scenario.GREETING_REJECTED))) {
            assertThat(client.reply().code()).isEqualTo(554);
            assertThat(client.command("EHLO client.lab.test").code()).isEqualTo(503);
            assertThat(client.command("STARTTLS").code()).isEqualTo(503);
            assertThat(client.command("QUIT").code()).isEqualTo(221);
        }
    }

    @Test
    void authBeforeTlsAdvertisesPasswordsInTheClear() throws Exception {
        try (var client = RawSmtpClient.connect(lab.address(Scenario.AUTH_BEFORE_TLS))) {
            client.reply();
            assertThat(client.command("EHLO client.lab.test").lines()).contains("STARTTLS", "AUTH PLAIN LOGIN");
            assertThat(client.command("AUTH PLAIN AGxhYgBsYWI=").code()).isEqualTo(535);
        }
        try (var client = RawSmtpClient.connect(lab.address(Scenario.GOOD))) {
            client.reply();
            client.command("EHLO client.lab.test");
            assertThat(client.command("AUTH PLAIN AGxhYgBsYWI=").code()).as("not offered, not implemented").isEqualTo(502);
        }
    }

    @Test
    void endlessLineNeverEndsItsGreeting() throws Exception {
        LabServer server = lab.server(Scenario.ENDLESS_LINE);
        int before = server.sessions().size();
        try (var client = RawSmtpClient.connect(lab.address(Scenario.ENDLESS_LINE))) {
            byte[] seen = new byte[0];
            while (seen.length < 256 * 1024) {
                byte[] more = client.readSome(64 * 1024);
                assertThat(more).as("the lab must keep sending").isNotEmpty();
                seen = concat(seen, more);
            }
            String text = new String(seen, StandardCharsets.US_ASCII);
            assertThat(text).startsWith("220 " + HOST + " ").doesNotContain("\n").doesNotContain("\r");
        }
        assertThat(lastSession(Scenario.ENDLESS_LINE).end()).startsWith("endless line: stopped after");
        assertThat(server.sessions()).hasSize(before + 1);
    }

    @Test
    void dripSendsTheGreetingOneByteAtATime() throws Exception {
        long start = System.nanoTime();
        try (var client = RawSmtpClient.connect(lab.address(Scenario.DRIP))) {
            String expected = "220 " + HOST + " ESMTP mailtls lab (drip)\r\n";
            byte[] seen = new byte[0];
            int reads = 0;
            while (seen.length < expected.length()) {
                byte[] more = client.readSome(1024);
                assertThat(more).isNotEmpty();
                seen = concat(seen, more);
                reads++;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(new String(seen, StandardCharsets.US_ASCII)).isEqualTo(expected);
            // Sleeps only ever last at least their delay, so this lower bound holds on any machine.
            assertThat(took).isGreaterThanOrEqualTo(DRIP_DELAY.multipliedBy(expected.length() - 1));
            assertThat(reads).as("the greeting arrived in pieces").isGreaterThan(1);
            assertThat(client.command("EHLO client.lab.test").lines()).contains("STARTTLS");
        }
    }

    @Test
    void hostileBannerCarriesMarkupAndTerminalEscapes() throws Exception {
        try (var client = RawSmtpClient.connect(lab.address(Scenario.HOSTILE_BANNER))) {
            Reply greeting = client.reply();
            assertThat(greeting.code()).isEqualTo(220);
            assertThat(greeting.last()).contains("<script>alert(1)</script>").contains("\u001b[");
            assertThat(client.command("EHLO client.lab.test").lines()).contains("STARTTLS");
        }
    }

    private static RawSmtpClient upgradedTo(Scenario scenario, SSLContext context) throws IOException {
        return upgradedTo(scenario, context, p -> { });
    }

    /** The verifying client: the lab CA as the only anchor, and the name checked as HTTPS clients do. */
    private static RawSmtpClient verified(Scenario scenario) throws IOException {
        return upgradedTo(scenario, trusting, p -> p.setEndpointIdentificationAlgorithm("HTTPS"));
    }

    private static SessionRecord lastSession(Scenario scenario) throws InterruptedException {
        LabServer server = lab.server(scenario);
        assertThat(server.awaitIdle(Duration.ofSeconds(10))).isTrue();
        return server.sessions().getLast();
    }

    private static RawSmtpClient upgradedTo(Scenario scenario, SSLContext context,
                                            java.util.function.Consumer<javax.net.ssl.SSLParameters> tweak)
            throws IOException {
        var client = RawSmtpClient.connect(lab.address(scenario));
        try {
            client.reply();
            client.command("EHLO client.lab.test");
            Reply ready = client.command("STARTTLS");
            if (ready.code() != 220) {
                throw new IOException("STARTTLS answered " + ready);
            }
            client.startTls(context, HOST, tweak);
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
