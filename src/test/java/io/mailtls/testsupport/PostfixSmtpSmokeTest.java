package io.mailtls.testsupport;

import static io.mailtls.testsupport.StandardListeners.AUTH_BEFORE_TLS;
import static io.mailtls.testsupport.StandardListeners.GOOD;
import static io.mailtls.testsupport.StandardListeners.NO_STARTTLS;
import static io.mailtls.testsupport.StandardListeners.SLOW_GREETING;
import static io.mailtls.testsupport.StandardListeners.SLOW_GREETING_DELAY;
import static io.mailtls.testsupport.StandardListeners.TLS_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the SMTP-level behaviour of the shared Postfix's listeners, seen by swaks and by a plain socket. */
@WithPostfix
class PostfixSmtpSmokeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_LINE = 1000;
    private static PostfixServer postfix;

    @BeforeAll
    static void shared(PostfixServer server) {
        postfix = server;
    }

    @Test
    void everyListenerIsOnLoopbackInTheHighPortRange() {
        assertThat(postfix.listenerNames()).contains(GOOD, NO_STARTTLS, TLS_REQUIRED, SLOW_GREETING, AUTH_BEFORE_TLS);
        for (String name : postfix.listenerNames()) {
            InetSocketAddress a = postfix.listener(name);
            assertThat(a.getAddress().isLoopbackAddress()).as(name).isTrue();
            assertThat(a.getPort()).as(name).isBetween(LoopbackPorts.LOW, LoopbackPorts.HIGH - 1);
        }
    }

    @Test
    void goodOffersStartTlsButNoAuthInPlaintext() {
        var run = swaks(GOOD, "--quit-after", "EHLO");
        check(run).contains("<-  220 mx.postfix.test ESMTP Postfix").contains("<-  250-STARTTLS");
        check(run).doesNotContain("AUTH");
    }

    @Test
    void noStartTlsDoesNotAdvertiseStartTls() {
        var run = swaks(NO_STARTTLS, "--quit-after", "EHLO");
        check(run).contains("<-  250 CHUNKING").doesNotContain("STARTTLS");
    }

    @Test
    void authBeforeTlsOffersPlainAndLoginOnThePlaintextChannel() {
        var run = swaks(AUTH_BEFORE_TLS, "--quit-after", "EHLO");
        check(run).contains("<-  250-AUTH PLAIN LOGIN").contains("<-  250-STARTTLS");
    }

    @Test
    void tlsRequiredRefusesMailFromBeforeStartTlsAndAcceptsItAfter() {
        var plain = swaks(TLS_REQUIRED, "--quit-after", "MAIL");
        check(plain).contains("<-  250-STARTTLS").containsPattern("<\\*\\* +530 5\\.7\\.0 Must issue a STARTTLS");

        var tls = swaks(TLS_REQUIRED, "--tls", "--quit-after", "MAIL");
        check(tls).contains("=== TLS started").contains("<~  250 2.1.0 Ok");
    }

    @Test
    void slowGreetingDelaysThe220AndGoodDoesNot() throws IOException {
        Greeting slow = greeting(postfix.listener(SLOW_GREETING));
        Greeting good = greeting(postfix.listener(GOOD));

        assertThat(slow.line()).as(postfix::logTail).startsWith("220 mx.postfix.test");
        assertThat(slow.after()).as(postfix::logTail).isGreaterThanOrEqualTo(SLOW_GREETING_DELAY);
        assertThat(slow.after()).isLessThan(SLOW_GREETING_DELAY.plusSeconds(3));
        assertThat(good.line()).startsWith("220 mx.postfix.test");
        assertThat(good.after()).isLessThan(Duration.ofSeconds(2));
    }

    private record Greeting(String line, Duration after) {
    }

    /** Connects, then times the first reply line from the moment the connection is up to its end of line. */
    private static Greeting greeting(InetSocketAddress address) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, (int) TIMEOUT.toMillis());
            s.setSoTimeout((int) TIMEOUT.toMillis());
            long start = System.nanoTime();
            String line = readLine(s.getInputStream());
            Duration after = Duration.ofNanos(System.nanoTime() - start);
            s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            return new Greeting(line, after);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_LINE) {
                throw new IOException("greeting line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }

    private static ExternalCommand.Result swaks(String listener, String... extra) {
        InetSocketAddress a = postfix.listener(listener);
        var command = new ArrayList<>(List.of(Programs.require("swaks").toString(),
                "--server", a.getAddress().getHostAddress(), "--port", Integer.toString(a.getPort()),
                "--helo", "mailtls.test", "--from", "probe@mailtls.test", "--to", "probe@postfix.test",
                "--timeout", "15"));
        command.addAll(List.of(extra));
        return ExternalCommand.run(TIMEOUT, null, command);
    }

    private static AbstractStringAssert<?> check(ExternalCommand.Result run) {
        return assertThat(run.output()).as(() -> "\n" + run.describe() + "\n--- Postfix log ---\n" + postfix.logTail());
    }
}
