package io.mailtls.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A bounded cache whose concurrent requests for the same key wait for the one computation in flight. Each
 * computation runs on its own virtual thread, detached from the requests: a request abandoned (interrupted at its
 * target's deadline) can neither cancel it nor leave a half-done result for the others.
 *
 * <p>Least recently used entries leave first; a result the {@code keep} test rejects (a DNS timeout, say) is
 * shared with the requests already waiting and then forgotten, so a later request tries again.
 */
final class Coalescer<K, V> {
    private final int capacity;
    private final Predicate<? super V> keep;
    private final String threadName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<K, CompletableFuture<V>> entries;
    private final AtomicLong computed = new AtomicLong();
    private final AtomicLong shared = new AtomicLong();

    Coalescer(int capacity, Predicate<? super V> keep, String threadName) {
        this.capacity = capacity;
        this.keep = keep;
        this.threadName = threadName;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 12), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<V>> eldest) {
                // A future still in flight that leaves here stays with its waiters; a new request computes again.
                return size() > Coalescer.this.capacity;
            }
        };
    }

    /** The value for {@code key}: kept, in flight, or computed now by {@code work}. */
    V get(K key, Callable<V> work) throws InterruptedException, ExecutionException {
        CompletableFuture<V> future;
        boolean mine = false;
        lock.lock();
        try {
            future = entries.get(key);
            if (future == null) {
                future = new CompletableFuture<>();
                entries.put(key, future);
                mine = true;
            }
        } finally {
            lock.unlock();
        }
        if (mine) {
            computed.incrementAndGet();
            CompletableFuture<V> f = future;
            Thread.ofVirtual().name(threadName).start(() -> compute(key, f, work));
        } else {
            shared.incrementAndGet();
        }
        return future.get();
    }

    private void compute(K key, CompletableFuture<V> f, Callable<V> work) {
        try {
            V v = work.call();
            // Forgotten before anyone sees it, so a request after this one asks again.
            if (!keep.test(v)) {
                forget(key, f);
            }
            f.complete(v);
        } catch (Throwable t) {
            forget(key, f);
            f.completeExceptionally(t);
        }
    }

    private void forget(K key, CompletableFuture<V> f) {
        lock.lock();
        try {
            entries.remove(key, f);
        } finally {
            lock.unlock();
        }
    }

    /** How many computations ran. */
    long computed() {
        return computed.get();
    }

    /** How many requests were answered by another request's computation. */
    long shared() {
        return shared.get();
    }

    /** Entries held now. */
    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
