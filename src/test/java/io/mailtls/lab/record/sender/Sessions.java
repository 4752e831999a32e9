package io.mailtls.lab.record.sender;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.mailtls.lab.Scenario;
import io.mailtls.lab.SessionRecord;
import io.mailtls.lab.record.ClientConduct;
import io.mailtls.lab.record.HandshakeFailure;
import io.mailtls.lab.record.MailTransaction;
import io.mailtls.tls.wire.ClientHelloInfo;
import io.mailtls.tls.wire.ClientHelloParse;

/** Finished lab sessions made by hand, for the pure verdict and JSON tests; each is later than the one before. */
final class Sessions {

    static final String HELO = "mta.sender.test";
    /** A TLS 1.3 / 1.2 hello as a modern MTA sends it. */
    static final ClientHelloInfo MODERN_HELLO = hello(List.of(0x0304, 0x0303), List.of(0x1302, 0x1301, 0xC02F));

    private static final Instant BASE = Instant.parse("2026-01-02T03:04:05Z");
    private static final AtomicLong NUMBER = new AtomicLong();

    private Sessions() {
    }

    static Builder on(Scenario scenario) {
        return new Builder(scenario);
    }

    static ClientHelloInfo hello(List<Integer> supportedVersions, List<Integer> suites) {
        return new ClientHelloInfo(0x0301, 0x0303, supportedVersions, suites, List.of(0), Optional.of("mx.lab.test"),
                List.of(0x001D, 0x0017), List.of(0x001D), List.of(0x0403, 0x0804), List.of(), List.of(0, 10, 13, 43));
    }

    /** One session under construction: verbs and conduct are added in the order the client acted. */
    static final class Builder {
        private final Scenario scenario;
        private final long number = NUMBER.incrementAndGet();
        private String helo = HELO;
        private final List<String> commands = new ArrayList<>();
        private boolean startTls;
        private ClientHelloParse hello;
        private HandshakeFailure failure;
        private String protocol;
        private String cipher;
        private final List<MailTransaction> mail = new ArrayList<>();
        private String address = "127.0.0.1";

        private Builder(Scenario scenario) {
            this.scenario = scenario;
            commands.add("EHLO");
        }

        Builder helo(String name) {
            helo = name;
            if (name == null) {
                commands.clear();
            }
            return this;
        }

        Builder from(String ip) {
            address = ip;
            return this;
        }

        Builder startTls() {
            startTls = true;
            commands.add("STARTTLS");
            return this;
        }

        /** STARTTLS, the client's hello, and a completed handshake. */
        Builder tls(String jdkProtocol, String suite) {
            startTls();
            hello = new ClientHelloParse.Parsed(MODERN_HELLO, 300);
            protocol = jdkProtocol;
            cipher = suite;
            return this;
        }

        Builder tls() {
            return tls("TLSv1.3", "TLS_AES_256_GCM_SHA384");
        }

        /** STARTTLS, the client's hello, then a failed handshake. */
        Builder failed(HandshakeFailure why) {
            startTls();
            hello = new ClientHelloParse.Parsed(MODERN_HELLO, 300);
            failure = why;
            return this;
        }

        Builder alert(String description) {
            return failed(new HandshakeFailure(HandshakeFailure.Kind.CLIENT_ALERT, description,
                    "Received fatal alert: " + description));
        }

        Builder hello(ClientHelloInfo info) {
            hello = new ClientHelloParse.Parsed(info, 300);
            return this;
        }

        Builder then(String... verbs) {
            commands.addAll(List.of(verbs));
            return this;
        }

        /** MAIL, RCPT, DATA, accepted; inside TLS when the handshake completed. */
        Builder mail() {
            commands.addAll(List.of("MAIL", "RCPT", "DATA"));
            mail.add(new MailTransaction("postmaster@sender.test", 1, 420, protocol != null));
            return this;
        }

        SessionRecord build() {
            commands.add("QUIT");
            var conduct = new ClientConduct(helo, startTls, hello, hello == null ? 0 : 300, failure, mail, 0);
            try {
                return new SessionRecord(scenario, number, new InetSocketAddress(InetAddress.getByName(address), 40000),
                        BASE.plusSeconds(number), Duration.ofMillis(20), commands, protocol, cipher,
                        (int) mail.stream().filter(MailTransaction::delivered).count(), "QUIT", conduct);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(address, e);
            }
        }
    }
}
