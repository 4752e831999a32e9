package io.mailtls.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.net.Mode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard with injected resolvers: no real DNS, and nothing here connects anywhere. */
class TargetGuardTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Answers from a script, one answer per call, and counts the calls. */
    private static final class ScriptedResolver implements Resolver {
        final List<List<InetAddress>> answers;
        final AtomicInteger calls = new AtomicInteger();

        ScriptedResolver(List<List<InetAddress>> answers) {
            this.answers = answers;
        }

        @Override
        public List<InetAddress> resolve(String host) {
            int n = calls.getAndIncrement();
            return answers.get(Math.min(n, answers.size() - 1));
        }
    }

    private static TargetGuard guard(Resolver r) {
        return new TargetGuard(r, false, true, true, TIMEOUT);
    }

    @Test
    void aRebindingNameIsResolvedOnceAndCheckedAtTheAddressThatWasJudged() {
        // First answer public, every later one loopback: a DNS rebinding attempt.
        var resolver = new ScriptedResolver(List.of(List.of(ip("93.184.215.14")), List.of(ip("127.0.0.1"))));
        var decision = guard(resolver).decide("mx.rebind.example:25");

        assertThat(decision).isInstanceOf(TargetGuard.Allowed.class);
        var allowed = (TargetGuard.Allowed) decision;
        assertThat(resolver.calls).hasValue(1);
        assertThat(allowed.targets()).singleElement().satisfies(t -> {
            assertThat(t.host()).isEqualTo("93.184.215.14");
            assertThat(t.isIpLiteral()).isTrue();
            assertThat(t.port()).isEqualTo(25);
            assertThat(t.original()).isEqualTo("mx.rebind.example:25");
        });
        assertThat(allowed.target().host()).isEqualTo("mx.rebind.example");
    }

    @Test
    void aNameThatResolvesToLoopbackFirstIsRefused() {
        var resolver = new ScriptedResolver(List.of(List.of(ip("127.0.0.1")), List.of(ip("93.184.215.14"))));
        var decision = guard(resolver).decide("mx.rebind.example:25");

        assertThat(decision).isInstanceOfSatisfying(TargetGuard.Refused.class, r -> assertThat(r.reason())
                .contains("mx.rebind.example resolves to 127.0.0.1").contains("loopback"));
        assertThat(resolver.calls).hasValue(1);
    }

    @Test
    void oneSpecialPurposeAddressAmongPublicOnesRefusesTheName() {
        var resolver = new ScriptedResolver(List.of(List.of(ip("93.184.215.14"), ip("10.0.0.5"))));
        assertThat(guard(resolver).decide("mx.example.org:25")).isInstanceOfSatisfying(TargetGuard.Refused.class,
                r -> assertThat(r.reason()).contains("10.0.0.5").contains("private network"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:25", "[::1]:25", "10.0.0.1:25", "192.168.0.10", "172.16.5.4:587",
            "169.254.169.254:25", "100.64.1.1:25", "192.0.2.1:25", "198.18.0.1:25", "224.0.0.1:25", "[fe80::1]:25",
            "[fd00::1]:25", "[2001:db8::1]:25", "[::ffff:127.0.0.1]:25", "[64:ff9b::a00:1]:25", "0.0.0.0:25"})
    void literalSpecialPurposeAddressesAreRefusedWithoutAnyLookup(String target) {
        var resolver = new ScriptedResolver(List.of(List.of(ip("93.184.215.14"))));
        assertThat(guard(resolver).decide(target)).isInstanceOfSatisfying(TargetGuard.Refused.class,
                r -> assertThat(r.reason()).contains("does not connect there"));
        assertThat(resolver.calls).hasValue(0);
    }

    @Test
    void aMailDomainIsLeftToTheEngineWithoutALookupHere() {
        var resolver = new ScriptedResolver(List.of(List.of(ip("127.0.0.1"))));
        var decision = guard(resolver).decide("example.org");
        assertThat(decision).isInstanceOfSatisfying(TargetGuard.Allowed.class, a -> {
            assertThat(a.addresses()).isEmpty();
            assertThat(a.targets()).singleElement().satisfies(t -> {
                assertThat(t.host()).isEqualTo("example.org");
                assertThat(t.endpointOnly()).isFalse();
            });
        });
        assertThat(resolver.calls).as("the engine's MX lookup decides, guarded per connection").hasValue(0);
    }

    @Test
    void allowPrivateLetsLoopbackThroughOnAnyPort() {
        var resolver = new ScriptedResolver(List.of(List.of(ip("127.0.0.1"))));
        var g = new TargetGuard(resolver, true, true, true, TIMEOUT);
        assertThat(g.decide("mx.lab.test:40025")).isInstanceOfSatisfying(TargetGuard.Allowed.class,
                a -> assertThat(a.targets().getFirst().host()).isEqualTo("127.0.0.1"));
        assertThat(g.decide("127.0.0.1:2")).isInstanceOf(TargetGuard.Allowed.class);
    }

    @Test
    void publicTargetsMustUseAMailPort() {
        var resolver = new ScriptedResolver(List.of(List.of(ip("93.184.215.14"))));
        assertThat(guard(resolver).decide("mx.example.org:22")).isInstanceOfSatisfying(TargetGuard.Refused.class,
                r -> assertThat(r.reason()).contains("port 22").contains("25, 465, 587, 2525"));
        assertThat(resolver.calls).hasValue(0);
        for (String ok : List.of("mx.example.org", "mx.example.org:465", "submission://mx.example.org", "smtps://mx.example.org:465")) {
            assertThat(guard(resolver).decide(ok)).as(ok).isInstanceOf(TargetGuard.Allowed.class);
        }
        assertThat(((TargetGuard.Allowed) guard(resolver).decide("smtps://mx.example.org")).target().mode())
                .isEqualTo(Mode.IMPLICIT_TLS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "exa mple.org", "host:99999", "bogus://x", "[::1", "-bad-.example"})
    void malformedTargetsAreRefusedWithAReason(String target) {
        assertThat(guard(h -> List.of(ip("93.184.215.14"))).decide(target))
                .isInstanceOfSatisfying(TargetGuard.Refused.class, r -> assertThat(r.reason()).isNotBlank());
    }

    @Test
    void overlongTargetsAreRefused() {
        assertThat(guard(h -> List.of(ip("93.184.215.14"))).decide("a".repeat(301)))
                .isInstanceOf(TargetGuard.Refused.class);
    }

    @Test
    void unknownNamesAreRefused() {
        Resolver nx = h -> {
            throw new UnknownHostException(h);
        };
        assertThat(guard(nx).decide("nx.example.org:25")).isInstanceOfSatisfying(TargetGuard.Refused.class,
                r -> assertThat(r.reason()).contains("does not resolve"));
    }

    @Test
    void aResolverThatHangsIsCutOff() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Resolver hanging = h -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(ip("93.184.215.14"));
        };
        var g = new TargetGuard(hanging, false, true, true, Duration.ofMillis(200));
        assertThat(g.decide("slow.example.org:25")).isInstanceOfSatisfying(TargetGuard.Refused.class,
                r -> assertThat(r.reason()).contains("did not resolve within"));
    }

    @Test
    void addressFamiliesFollowTheOptions() {
        Resolver both = h -> List.of(ip("2a00:1450:4001::1b"), ip("93.184.215.14"));
        var v4only = new TargetGuard(both, false, true, false, TIMEOUT);
        assertThat(((TargetGuard.Allowed) v4only.decide("mx.example.org:25")).addresses()).containsExactly(ip("93.184.215.14"));
        var v6only = new TargetGuard(h -> List.of(ip("93.184.215.14")), false, false, true, TIMEOUT);
        assertThat(v6only.decide("mx.example.org:25")).isInstanceOfSatisfying(TargetGuard.Refused.class,
                r -> assertThat(r.reason()).contains("no IPv6 address"));
    }

    @Test
    void atMostEightAddressesAreChecked() {
        List<InetAddress> many = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            many.add(ip("93.184.215." + i));
        }
        assertThat(((TargetGuard.Allowed) guard(h -> many).decide("mx.example.org:25")).addresses())
                .hasSize(TargetGuard.MAX_ADDRESSES);
    }
}
