package io.mailtls.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.audit.CheckOptions;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import io.mailtls.net.Endpoint;
import io.mailtls.net.Failure;
import io.mailtls.net.Mode;
import io.mailtls.smtp.TranscriptLine;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scan's endpoint runner against the lab: one conversation per endpoint, a per-address limit, retries. */
class SharedEndpointsTest {
    static final Duration STEP = Duration.ofSeconds(5);
    static final Duration DEADLINE = Duration.ofSeconds(20);
    static Lab lab;
    static CheckOptions options;
    static InetAddress loopback;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(LabConfig.of(Scenario.GOOD, Scenario.THROTTLED, Scenario.SLOW_GREETING)
                .withGreetingDelay(Duration.ofMillis(300)));
        options = new CheckOptions("tests.mailtls.invalid", null, null, TrustAnchors.load(lab.caFile()), STEP,
                DEADLINE, true, false);
        loopback = InetAddress.getByName("127.0.0.1");
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static ScanSettings settings(int perAddress, int retries, Duration delay) {
        return ScanSettings.defaults(16, DEADLINE).withPerAddress(perAddress).withRetries(retries, delay);
    }

    static <T> List<T> concurrently(List<Callable<T>> work) throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> fs = new ArrayList<>();
            for (Callable<T> c : work) {
                fs.add(pool.submit(c));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        }
    }

    @Test
    void fiftyMxNamesOnOneAddressShareOneConversationEachKeepingItsOwnName() throws Exception {
        var server = lab.server(Scenario.GOOD);
        long before = server.connectionsAccepted();
        SharedEndpoints shared = new SharedEndpoints(options, settings(2, 0, Duration.ZERO));
        int port = lab.address(Scenario.GOOD).getPort();
        List<Callable<EndpointFacts>> work = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Endpoint e = new Endpoint("mx" + i + ".customer.test", loopback, port, Mode.STARTTLS, 10 + i);
            work.add(() -> shared.run(e, "mx.lab.test", l -> { }));
        }

        List<EndpointFacts> facts = concurrently(work);

        assertThat(server.connectionsAccepted() - before).isEqualTo(1);
        assertThat(shared.conversations()).isEqualTo(1);
        assertThat(shared.shared()).isEqualTo(49);
        for (int i = 0; i < 50; i++) {
            assertThat(facts.get(i).tlsEstablished()).isTrue();
            assertThat(facts.get(i).endpoint().host()).isEqualTo("mx" + i + ".customer.test");
            assertThat(facts.get(i).endpoint().mxPreference()).isEqualTo(10 + i);
        }
    }

    @Test
    void anotherExpectedNameIsAnotherCheck() {
        var server = lab.server(Scenario.GOOD);
        long before = server.connectionsAccepted();
        SharedEndpoints shared = new SharedEndpoints(options, settings(2, 0, Duration.ZERO));
        Endpoint e = new Endpoint("127.0.0.1", loopback, lab.address(Scenario.GOOD).getPort(), Mode.STARTTLS, null);

        EndpointFacts right = shared.run(e, "mx.lab.test", l -> { });
        EndpointFacts wrong = shared.run(e, "other.example", l -> { });
        EndpointFacts again = shared.run(e, "mx.lab.test", l -> { });

        assertThat(server.connectionsAccepted() - before).isEqualTo(2);
        assertThat(right.certificate().nameMatches()).isTrue();
        assertThat(wrong.certificate().nameMatches()).isFalse();
        assertThat(again).isSameAs(right);
    }

    @Test
    void perAddressLimitHoldsAcrossDifferentEndpointChecks() throws Exception {
        var server = lab.server(Scenario.SLOW_GREETING);
        long before = server.connectionsAccepted();
        // The real conversation, counted: the lab's own session count lags behind our closed sockets.
        var audit = new io.mailtls.audit.EndpointAudit(options);
        var now = new java.util.concurrent.atomic.AtomicInteger();
        var peak = new java.util.concurrent.atomic.AtomicInteger();
        SharedEndpoints shared = new SharedEndpoints((e, name) -> {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                return audit.run(e, name, l -> { });
            } finally {
                now.decrementAndGet();
            }
        }, settings(2, 0, Duration.ZERO));
        int port = lab.address(Scenario.SLOW_GREETING).getPort();
        List<Callable<EndpointFacts>> work = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = "mx" + i + ".lab.test"; // distinct names: distinct checks, one address
            Endpoint e = new Endpoint(name, loopback, port, Mode.STARTTLS, null);
            work.add(() -> shared.run(e, name, l -> { }));
        }

        List<EndpointFacts> facts = concurrently(work);

        assertThat(facts).allMatch(EndpointFacts::tlsEstablished);
        assertThat(server.connectionsAccepted() - before).isEqualTo(10);
        assertThat(peak.get()).isEqualTo(2);
        assertThat(shared.openGates()).isZero();
    }

    @Test
    void throttledEndpointIsRetriedAfterGrowingPausesThenReportedThrottled() {
        var server = lab.server(Scenario.THROTTLED);
        long before = server.connectionsAccepted();
        SharedEndpoints shared = new SharedEndpoints(options, settings(2, 2, Duration.ofMillis(200)));
        Endpoint e = new Endpoint("127.0.0.1", loopback, lab.address(Scenario.THROTTLED).getPort(), Mode.STARTTLS,
                null);
        long t0 = System.nanoTime();

        EndpointFacts facts = shared.run(e, "mx.lab.test", l -> { });

        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(server.connectionsAccepted() - before).isEqualTo(3);
        assertThat(facts.failure().kind()).isEqualTo(Failure.Kind.THROTTLED);
        assertThat(ms).isGreaterThanOrEqualTo(150 + 300); // 200 ms and 400 ms, each -25 % at worst
        assertThat(facts.transcript()).filteredOn(l -> l.from() == TranscriptLine.From.NOTE)
                .extracting(TranscriptLine::text).filteredOn(t -> t.contains("retried after")).hasSize(2);
    }

    @Test
    void aRetryThatGetsThroughGivesTheRealResult() throws Exception {
        try (ChaosProxy proxy = ChaosProxy.passing(lab.address(Scenario.GOOD), List.of(loopback), Duration.ZERO)
                .then(ChaosProxy.Act.THROTTLE, ChaosProxy.Act.RESET)) {
            InetSocketAddress at = proxy.addresses().getFirst();
            SharedEndpoints shared = new SharedEndpoints(options, settings(2, 2, Duration.ofMillis(20)));

            EndpointFacts facts = shared.run(new Endpoint("127.0.0.1", loopback, at.getPort(), Mode.STARTTLS, null),
                    "mx.lab.test", l -> { });

            assertThat(proxy.accepted()).isEqualTo(3);
            assertThat(facts.failure()).isNull();
            assertThat(facts.tlsEstablished()).isTrue();
            assertThat(facts.transcript().get(0).text()).contains("THROTTLED");
            assertThat(facts.transcript().get(1).text()).contains("RESET");
        }
    }

    @Test
    void cacheIsBoundedLeastRecentlyUsedFirst() {
        var server = lab.server(Scenario.GOOD);
        ScanSettings small = new ScanSettings(4, 2, 0, Duration.ZERO, DEADLINE, false, false, 2, 10);
        SharedEndpoints shared = new SharedEndpoints(options, small);
        Endpoint e = new Endpoint("127.0.0.1", loopback, lab.address(Scenario.GOOD).getPort(), Mode.STARTTLS, null);
        long before = server.connectionsAccepted();

        for (String name : List.of("a.test", "b.test", "a.test", "c.test", "a.test", "b.test")) {
            shared.run(e, name, l -> { });
        }

        // a, b, (a kept), c evicts b, (a kept), b again.
        assertThat(server.connectionsAccepted() - before).isEqualTo(4);
    }
}
