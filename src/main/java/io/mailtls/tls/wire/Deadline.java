package io.mailtls.tls.wire;

import java.time.Duration;

/**
 * A point in monotonic time after which a network step gives up.
 *
 * @param expiresAtNanos the {@link System#nanoTime()} value at which the deadline passes
 */
public record Deadline(long expiresAtNanos) {

    /** A deadline this long from now. */
    public static Deadline in(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, expiresAtNanos - System.nanoTime()));
    }

    /** Time left in whole milliseconds, at least 1 while the deadline has not passed, 0 after. */
    public int remainingMillis() {
        long nanos = expiresAtNanos - System.nanoTime();
        if (nanos <= 0) {
            return 0;
        }
        return (int) Math.clamp(nanos / 1_000_000L, 1L, Integer.MAX_VALUE);
    }

    /** Whether the deadline has passed. */
    public boolean expired() {
        return expiresAtNanos - System.nanoTime() <= 0;
    }

    /** The earlier of this deadline and one {@code duration} from now. */
    public Deadline atMost(Duration duration) {
        long other = System.nanoTime() + duration.toNanos();
        return other - expiresAtNanos < 0 ? new Deadline(other) : this;
    }
}
