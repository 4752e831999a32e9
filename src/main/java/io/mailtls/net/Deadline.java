package io.mailtls.net;

import java.time.Duration;

/** A point in monotonic time after which work on a target must stop. */
public record Deadline(long atNanos) {

    /** A deadline {@code d} from now. */
    public static Deadline in(Duration d) {
        return new Deadline(System.nanoTime() + d.toNanos());
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    /** True once the deadline has passed. */
    public boolean expired() {
        return System.nanoTime() - atNanos >= 0;
    }

    /** A socket timeout in milliseconds for one step: the step's own limit, cut to what is left (at least 1). */
    public int stepMillis(Duration step) {
        long ms = Math.min(step.toMillis(), remaining().toMillis());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }
}
