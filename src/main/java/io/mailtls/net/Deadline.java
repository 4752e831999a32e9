package io.mailtls.net;

import java.time.Duration;

/**
 * A point in monotonic time after which work on a target (or one network step) must stop.
 *
 * @param expiresAtNanos the {@link System#nanoTime()} value at which the deadline passes
 */
public record Deadline(long expiresAtNanos) {

    /** A deadline {@code d} from now. */
    public static Deadline in(Duration d) {
        return new Deadline(System.nanoTime() + d.toNanos());
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

    /** True once the deadline has passed. */
    public boolean expired() {
        return System.nanoTime() - expiresAtNanos >= 0;
    }

    /** The earlier of this deadline and one {@code d} from now. */
    public Deadline atMost(Duration d) {
        long other = System.nanoTime() + d.toNanos();
        return other - expiresAtNanos < 0 ? new Deadline(other) : this;
    }

    /** A socket timeout in milliseconds for one step: the step's own limit, cut to what is left (at least 1). */
    public int stepMillis(Duration step) {
        long ms = Math.min(step.toMillis(), remaining().toMillis());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }
}
