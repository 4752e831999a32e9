package io.mailtls.audit;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Closes a connection when its target's deadline passes, whatever it is blocked in. */
final class Watchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mailtls-watchdog");
        t.setDaemon(true);
        return t;
    });

    private Watchdog() {
    }

    /** Arms a timer that closes {@code c} after {@code after}; cancel the returned future when done. */
    static ScheduledFuture<?> arm(Closeable c, Duration after) {
        return TIMER.schedule(() -> {
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed: nothing to stop
            }
        }, Math.max(1, after.toMillis()), TimeUnit.MILLISECONDS);
    }
}
