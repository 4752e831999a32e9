package io.mailtls.lab.domain;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The domain lab servers' shared way to stop: close quietly, then give their threads a bounded time to end. */
public final class Shutdown {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private Shutdown() {
    }

    /** Closes {@code closeable} (null is fine); a failure to close a socket that is going away is only logged. */
    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing a lab socket: {}", e.toString());
        }
    }

    /** Waits for every thread to end, all of them together within {@code limit}. */
    public static void join(Collection<Thread> threads, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread thread : List.copyOf(threads)) {
            try {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
