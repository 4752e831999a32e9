package io.mailtls.tls.probe;

import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The per-server connection limit, shared by every connection mailtls opens to one server. Waiting
 * probes get the next free slot by priority, then in arrival order: on a server that greets slowly every
 * connection costs seconds, so the long chains of rounds go first and one-off questions fill the gaps.
 * The owner can cancel the gate, which wakes every waiter (and every backoff) and refuses further slots.
 */
public final class ConnectionGate {
    /** Which waiting probe gets a slot first. */
    public enum Priority {
        /** Part of a chain of rounds that decides how long the whole probe takes. */
        CHAIN,
        /** A one-off question whose answer nothing else waits for. */
        ONE_OFF
    }

    private record Ticket(Priority priority, long order) implements Comparable<Ticket> {
        @Override
        public int compareTo(Ticket o) {
            int byPriority = priority.compareTo(o.priority);
            return byPriority != 0 ? byPriority : Long.compare(order, o.order);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Ticket> waiting = new PriorityQueue<>();
    private int free;
    private long tickets;
    private String cancelled;

    /** A gate with this many slots. */
    public ConnectionGate(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a gate needs at least one slot");
        }
        this.free = slots;
    }

    /** Takes a slot, waiting at most {@code millis}; false on timeout or when the gate was cancelled. */
    public boolean acquire(Priority priority, long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            Ticket ticket = new Ticket(priority, tickets++);
            waiting.add(ticket);
            try {
                while (cancelled == null && !(free > 0 && waiting.peek() == ticket)) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    changed.awaitNanos(left);
                }
                if (cancelled != null) {
                    return false;
                }
                free--;
                return true;
            } finally {
                waiting.remove(ticket);
                changed.signalAll(); // the next in line may now be at the head
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes a slot at once for the owner's own connection, ahead of every probe (call it before they start). */
    public void acquireForOwner() {
        lock.lock();
        try {
            free--;
        } finally {
            lock.unlock();
        }
    }

    /** Gives a slot back. */
    public void release() {
        lock.lock();
        try {
            free++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses every further slot and wakes every waiter and sleeper; the first reason given is kept. */
    public void cancel(String why) {
        lock.lock();
        try {
            if (cancelled == null) {
                cancelled = why;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Why the gate was cancelled, if it was. */
    public Optional<String> cancelled() {
        lock.lock();
        try {
            return Optional.ofNullable(cancelled);
        } finally {
            lock.unlock();
        }
    }

    /** How many probes wait for a slot now. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits this long unless the gate is cancelled first; false when cancelled. */
    public boolean pause(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (cancelled == null) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                changed.awaitNanos(left);
            }
            return false;
        } finally {
            lock.unlock();
        }
    }
}
