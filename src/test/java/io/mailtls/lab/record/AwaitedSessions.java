package io.mailtls.lab.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.mailtls.lab.SessionRecord;

/**
 * A lab session listener for tests: passes each finished session on, keeps it, and lets a test
 * wait until the sessions seen so far satisfy a condition (no sleeping: a condition variable).
 */
public final class AwaitedSessions implements Consumer<SessionRecord> {

    private final Consumer<SessionRecord> next;
    private final List<SessionRecord> sessions = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    public AwaitedSessions(Consumer<SessionRecord> next) {
        this.next = next;
    }

    @Override
    public void accept(SessionRecord session) {
        // The next listener (the recorder) runs first, so a waiter woken here sees its effect.
        next.accept(session);
        lock.lock();
        try {
            sessions.add(session);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Every session so far, in the order they ended. */
    public List<SessionRecord> all() {
        lock.lock();
        try {
            return List.copyOf(sessions);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code condition} holds for the sessions so far; false when {@code timeout} passed first. */
    public boolean await(Predicate<List<SessionRecord>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.test(List.copyOf(sessions))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
