package io.mailtls.scan;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The per-address connection limit of a whole scan: mail servers count connections per client and answer 421 or
 * blocklist beyond a few, and one address often serves thousands of the scanned domains. After a "come back
 * later" the address also cools down: nobody connects to it until the pause has passed.
 *
 * <p>A gate lives while someone uses it or while it cools down, so the map stays as small as the work in flight.
 */
final class AddressGates {
    private final int permits;
    private final ConcurrentHashMap<InetAddress, Gate> gates = new ConcurrentHashMap<>();

    AddressGates(int permits) {
        this.permits = permits;
    }

    /** One address's slots and its cool-down. */
    static final class Gate {
        private final Semaphore slots;
        private volatile long notBefore = System.nanoTime();
        private int users; // guarded by the map's compute

        Gate(int permits) {
            slots = new Semaphore(permits, true);
        }

        /** Takes a slot once the cool-down has passed. */
        void acquire() throws InterruptedException {
            while (true) {
                long wait = notBefore - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait)); // a deliberate pause for the server, not synchronisation
                }
                slots.acquire();
                if (notBefore - System.nanoTime() <= 0) {
                    return;
                }
                slots.release(); // a retry elsewhere started a cool-down while we queued
            }
        }

        void release() {
            slots.release();
        }

        /** Nobody connects before {@code pause} from now. */
        void coolDown(Duration pause) {
            long until = System.nanoTime() + pause.toNanos();
            if (until - notBefore > 0) {
                notBefore = until;
            }
        }

        boolean cooling() {
            return notBefore - System.nanoTime() > 0;
        }
    }

    /** The gate of {@code address}, held until {@link #leave}. */
    Gate enter(InetAddress address) {
        return gates.compute(address, (a, g) -> {
            Gate gate = g == null ? new Gate(permits) : g;
            gate.users++;
            return gate;
        });
    }

    /** Lets go of a gate from {@link #enter}. */
    void leave(InetAddress address, Gate gate) {
        gates.computeIfPresent(address, (a, g) -> {
            if (g != gate) {
                return g;
            }
            g.users--;
            return g.users == 0 && !g.cooling() ? null : g;
        });
    }

    /** Addresses with a gate now (for tests: it must shrink back when the work is done). */
    int size() {
        return gates.size();
    }
}
