package io.mailtls.web;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.CheckReport;
import io.mailtls.audit.DomainLookups;
import io.mailtls.audit.EndpointAudit;
import io.mailtls.audit.TargetAudit;
import io.mailtls.net.Target;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checks for the web front end on virtual threads, at most {@code maxConcurrent} at a time, and remembers
 * the most recent {@code maxRecent} of them in memory.
 */
public final class CheckJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckJobs.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CheckOptions base;
    private final boolean allowPrivate;
    private final Semaphore running;
    private final int maxRecent;
    private final int maxConcurrent;
    private final Map<String, CheckJob> jobs = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    /** Thrown when {@code maxConcurrent} checks are already running. */
    public static final class BusyException extends Exception {
        BusyException(int max) {
            super(max + " checks are running, the most this server runs at once; try again in a few seconds");
        }
    }

    public CheckJobs(CheckOptions base, boolean allowPrivate, int maxConcurrent, int maxRecent) {
        if (maxConcurrent < 1 || maxRecent < maxConcurrent) {
            throw new IllegalArgumentException("need 1 <= maxConcurrent <= maxRecent");
        }
        this.base = base;
        this.allowPrivate = allowPrivate;
        this.running = new Semaphore(maxConcurrent);
        this.maxRecent = maxRecent;
        this.maxConcurrent = maxConcurrent;
    }

    /**
     * Starts checking an allowed target; {@code expectName} is the name the certificate must match (null: the host
     * name the visitor typed), {@code deep} adds the raw-probe enumeration.
     */
    public CheckJob submit(TargetGuard.Allowed allowed, String expectName, boolean deep) throws BusyException {
        if (!running.tryAcquire()) {
            throw new BusyException(maxConcurrent);
        }
        Target t = allowed.target();
        // A domain's MX hosts each expect their own name: only an explicit expect_name overrides that.
        String expected = expectName != null ? expectName : t.isIpLiteral() || !t.endpointOnly() ? null : t.host();
        CheckOptions options = new CheckOptions(base.ehloName(), expected, base.sni(), base.anchors(), base.step(),
                base.deadline(), base.ipv4(), base.ipv6(), deep, base.maxConnections(), base.domain());
        CheckJob job = new CheckJob(newId(), t.original(), Instant.now());
        synchronized (this) {
            jobs.put(job.id(), job);
            evict();
        }
        Thread thread = Thread.ofVirtual().name("mailtls-check-" + job.id()).unstarted(() -> {
            CheckReport report = null;
            try {
                report = run(allowed, options, job, new GuardedEngine(allowPrivate));
            } catch (RuntimeException | Error e) {
                LOG.warn("check {} of {} failed", job.id(), t.original(), e);
            } finally {
                // Free the slot before telling anyone the check ended, so that a waiter may start the next one.
                running.release();
                synchronized (this) {
                    threads.remove(Thread.currentThread());
                }
            }
            if (report != null) {
                job.done(report);
            } else {
                job.failed("internal error while checking " + t.original());
            }
        });
        synchronized (this) {
            threads.add(thread);
        }
        thread.start();
        return job;
    }

    private static CheckReport run(TargetGuard.Allowed allowed, CheckOptions options, CheckJob job, GuardedEngine guard) {
        TargetAudit.Progress progress = job::line;
        TargetAudit.EndpointRunner runner = guard.runner(new EndpointAudit(options)::run);
        Lazy<DomainLookups> lookups = new Lazy<>(() -> guard.lookups(options));
        List<Target> targets = allowed.targets();
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        List<CheckReport> parts = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<CheckReport>> futures = new ArrayList<>();
            for (Target target : targets) {
                futures.add(pool.submit(() -> new TargetAudit(options, progress, runner, lookups).check(target)));
            }
            for (Future<CheckReport> f : futures) {
                parts.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            lookups.ifMade(DomainLookups::close);
        }
        return ReportMerge.merge(allowed.target(), started, (System.nanoTime() - t0) / 1_000_000L, parts);
    }

    /** Made on first use (only domain targets need DNS and policy clients), closed after the check. */
    private static final class Lazy<T> implements java.util.function.Supplier<T> {
        private final java.util.function.Supplier<T> make;
        private T value;

        Lazy(java.util.function.Supplier<T> make) {
            this.make = make;
        }

        @Override
        public synchronized T get() {
            if (value == null) {
                value = make.get();
            }
            return value;
        }

        synchronized void ifMade(java.util.function.Consumer<T> action) {
            if (value != null) {
                action.accept(value);
            }
        }
    }

    /** The check with this id, if it is still remembered. */
    public synchronized Optional<CheckJob> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The remembered checks, newest first. */
    public synchronized List<CheckJob> recent() {
        List<CheckJob> out = new ArrayList<>(jobs.values());
        java.util.Collections.reverse(out);
        return out;
    }

    /** How many checks are running now. */
    public int runningCount() {
        return maxConcurrent - running.availablePermits();
    }

    private void evict() {
        // Oldest finished checks go first; running ones stay (there are at most maxConcurrent <= maxRecent).
        Iterator<CheckJob> it = jobs.values().iterator();
        while (jobs.size() > maxRecent && it.hasNext()) {
            if (it.next().state() != CheckJob.State.RUNNING) {
                it.remove();
            }
        }
    }

    /** Interrupts the running checks (the engine closes their sockets on its deadlines). */
    @Override
    public synchronized void close() {
        threads.forEach(Thread::interrupt);
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
