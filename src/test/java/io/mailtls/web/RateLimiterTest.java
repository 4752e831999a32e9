package io.mailtls.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a hand-driven clock. */
class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceSeconds(double s) {
        now.addAndGet((long) (s * 1e9));
    }

    @Test
    void aClientGetsItsBurstThenWaits() {
        RateLimiter r = new RateLimiter(3, 100, now::get);
        assertThat(r.acquire("192.0.2.1")).isZero();
        assertThat(r.acquire("192.0.2.1")).isZero();
        assertThat(r.acquire("192.0.2.1")).isZero();
        assertThat(r.acquire("192.0.2.1")).isEqualTo(20); // one token per 20 s at 3 a minute
    }

    @Test
    void tokensComeBackOverTime() {
        RateLimiter r = new RateLimiter(2, 100, now::get);
        r.acquire("a");
        r.acquire("a");
        assertThat(r.acquire("a")).isPositive();
        advanceSeconds(29);
        assertThat(r.acquire("a")).isEqualTo(1);
        advanceSeconds(1.5);
        assertThat(r.acquire("a")).isZero();
        assertThat(r.acquire("a")).isPositive();
        advanceSeconds(3600);
        assertThat(r.acquire("a")).isZero();
        assertThat(r.acquire("a")).isZero();
        assertThat(r.acquire("a")).as("the bucket never holds more than a minute's worth").isPositive();
    }

    @Test
    void clientsAreCountedApart() {
        RateLimiter r = new RateLimiter(1, 100, now::get);
        assertThat(r.acquire("192.0.2.1")).isZero();
        assertThat(r.acquire("192.0.2.1")).isPositive();
        assertThat(r.acquire("192.0.2.2")).isZero();
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        RateLimiter r = new RateLimiter(1, 100, now::get);
        assertThat(r.acquire("2001:db8:1:2::1")).isZero();
        assertThat(r.acquire("2001:db8:1:2:ffff::99")).as("same /64").isPositive();
        assertThat(r.acquire("[2001:db8:1:3::1]")).as("another /64").isZero();
        assertThat(RateLimiter.key("2001:db8:1:2::1")).isEqualTo(RateLimiter.key("2001:0db8:0001:0002:aaaa::1"));
    }

    @Test
    void theClientTableIsBounded() {
        RateLimiter r = new RateLimiter(1, 10, now::get);
        for (int i = 0; i < 1000; i++) {
            r.acquire("198.51.100." + (i % 250) + "-" + i);
        }
        assertThat(r.clients()).isEqualTo(10);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new RateLimiter(0, 10, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
