package io.mailtls.scan;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.CheckReport;
import io.mailtls.audit.DomainLookups;
import io.mailtls.audit.TargetAudit;
import io.mailtls.net.Target;
import io.mailtls.report.JsonReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Checks every target of a list with the one engine, {@code concurrency} at a time: a reader streams the input
 * into a bounded queue, virtual-thread workers check one target each (with a deadline), one writer appends each
 * result as it comes. Endpoints and DNS answers are shared by all targets. Memory stays bounded whatever the
 * input's size: nothing is kept per target but 16 bytes of identity, for merging duplicates.
 */
public final class BulkScan implements AutoCloseable {
    private static final Object END = new Object();
    private static final int BATCH = 256;

    private final ScanSettings settings;
    private final SharedEndpoints endpoints;
    private final Lookups lookups;
    private final TargetAudit audit;

    /** A scan with these checking options and scan settings. */
    public BulkScan(CheckOptions options, ScanSettings settings) {
        this(options, settings, new SharedEndpoints(options, settings));
    }

    /** A scan over a given endpoint runner (tests shape the conversations). */
    public BulkScan(CheckOptions options, ScanSettings settings, SharedEndpoints endpoints) {
        this.settings = settings;
        this.endpoints = endpoints;
        this.lookups = new Lookups(options, settings.dnsCache());
        this.audit = new TargetAudit(options, TargetAudit.Progress.NONE, endpoints, lookups);
    }

    /** The domain clients, made on the first domain target, with the scan's DNS cache in front. */
    private static final class Lookups implements Supplier<DomainLookups> {
        private final CheckOptions options;
        private final int capacity;
        private DomainLookups value;
        private CachingDnsClient dns;

        Lookups(CheckOptions options, int capacity) {
            this.options = options;
            this.capacity = capacity;
        }

        @Override
        public synchronized DomainLookups get() {
            if (value == null) {
                DomainLookups plain = DomainLookups.create(options.domain(), options.anchors(), options.step());
                dns = new CachingDnsClient(plain.dns(), capacity);
                value = new DomainLookups(dns, plain.fetcher());
            }
            return value;
        }

        synchronized long asked() {
            return dns == null ? 0 : dns.asked();
        }

        synchronized long saved() {
            return dns == null ? 0 : dns.saved();
        }

        synchronized void close() {
            if (value != null) {
                value.close();
            }
        }
    }

    /** Counters shared by the scan's threads. */
    private static final class Counters {
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong invalid = new AtomicLong();
        final AtomicLong deadlines = new AtomicLong();
        final AtomicLong written = new AtomicLong();
        volatile boolean stop;
        volatile IOException readFailure;
        volatile IOException writeFailure;
    }

    /**
     * Scans every target of {@code source} not already in {@code output}, writing one line per target.
     *
     * @throws ScanIoException when the input cannot be read or the output cannot be written any more; every
     *                         result finished before that is in the output
     */
    public ScanTotals run(ScanSource source, ScanOutput output, ScanListener listener) throws IOException {
        long t0 = System.nanoTime();
        OptionalLong count = source.count();
        listener.started(count.isPresent() ? count.getAsLong() : -1);
        int n = settings.concurrency();
        BlockingQueue<Object> work = new ArrayBlockingQueue<>(Math.max(16, n * 2));
        BlockingQueue<Object> results = new ArrayBlockingQueue<>(Math.max(16, n * 2));
        Counters c = new Counters();
        ScanTally tally = new ScanTally();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            workers.add(Thread.ofVirtual().name("mailtls-scan-worker-", i).start(() -> work(work, results, c)));
        }
        Thread writer = Thread.ofVirtual().name("mailtls-scan-writer")
                .start(() -> write(results, output.writer, tally, listener, c));
        Thread reader = Thread.ofVirtual().name("mailtls-scan-reader")
                .start(() -> read(source, output.done, work, listener, c, n));
        try {
            reader.join();
            for (Thread w : workers) {
                w.join();
            }
            results.put(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the scan was interrupted", e);
        }
        ScanTally all = output.previous.copy();
        all.addAll(tally);
        ScanTotals totals = new ScanTotals(all, c.written.get(), output.resumed(), c.skipped.get(), c.invalid.get(),
                c.deadlines.get(), Duration.ofNanos(System.nanoTime() - t0), endpoints.conversations(),
                endpoints.shared(), lookups.asked(), lookups.saved(), output.tornBytes);
        listener.finished(totals);
        if (c.writeFailure != null) {
            throw new ScanIoException("cannot write the results: " + c.writeFailure.getMessage(), c.writeFailure);
        }
        if (c.readFailure != null) {
            throw new ScanIoException("cannot read the targets: " + c.readFailure.getMessage(), c.readFailure);
        }
        return totals;
    }

    private void read(ScanSource source, LongSet seen, BlockingQueue<Object> work, ScanListener listener,
                      Counters c, int workers) {
        try (InputStream in = source.open()) {
            TargetInput input = new TargetInput(in);
            ScanItem item;
            while (!c.stop && (item = input.next()) != null) {
                if (!seen.add(item.key())) {
                    c.skipped.incrementAndGet();
                    listener.skipped();
                    continue;
                }
                work.put(item);
            }
        } catch (IOException e) {
            c.readFailure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (int i = 0; i < workers; i++) {
                putQuietly(work, END);
            }
        }
    }

    private void work(BlockingQueue<Object> work, BlockingQueue<Object> results, Counters c) {
        try {
            while (true) {
                Object next = work.take();
                if (next == END) {
                    return;
                }
                results.put(result((ScanItem) next, c));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ScanResult result(ScanItem item, Counters c) {
        long t0 = System.nanoTime();
        CheckReport report = switch (item) {
            case ScanItem.Invalid bad -> {
                c.invalid.incrementAndGet();
                yield ErrorReports.invalid(bad.text(), bad.reason());
            }
            case ScanItem.Check check -> check(check, c);
        };
        String json;
        try {
            json = JsonReport.line(report, settings.transcript());
        } catch (RuntimeException e) {
            report = ErrorReports.failed(item.text(), e, (System.nanoTime() - t0) / 1_000_000L);
            json = JsonReport.line(report, false);
        }
        return new ScanResult(item.key(), json, ResultSummary.of(report));
    }

    /** Checks one target on its own virtual thread, abandoning it (interrupted) at the per-target deadline. */
    private CheckReport check(ScanItem.Check item, Counters c) {
        Target target = settings.hostOnly() ? item.target().asHost() : item.target();
        long t0 = System.nanoTime();
        FutureTask<CheckReport> task = new FutureTask<>(() -> audit.check(target));
        Thread.ofVirtual().name("mailtls-target").start(task);
        try {
            return task.get(settings.targetDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            c.deadlines.incrementAndGet();
            return ErrorReports.deadline(item.text(), settings.targetDeadline(), millisSince(t0));
        } catch (ExecutionException e) {
            return ErrorReports.failed(item.text(), e.getCause(), millisSince(t0));
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return ErrorReports.failed(item.text(), e, millisSince(t0));
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000L;
    }

    private static void write(BlockingQueue<Object> results, ResultWriter out, ScanTally tally,
                              ScanListener listener, Counters c) {
        List<Object> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                batch.clear();
                batch.add(results.take());
                results.drainTo(batch, BATCH - 1);
                boolean end = false;
                for (Object o : batch) {
                    if (o == END) {
                        end = true;
                        continue;
                    }
                    ScanResult r = (ScanResult) o;
                    if (c.writeFailure == null) {
                        try {
                            out.write(r);
                        } catch (IOException e) {
                            fail(c, e);
                            continue;
                        }
                        tally.add(r.summary());
                        c.written.incrementAndGet();
                        listener.written(r.summary(), tally);
                    }
                }
                if (c.writeFailure == null) {
                    try {
                        out.endBatch();
                    } catch (IOException e) {
                        fail(c, e);
                    }
                }
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failed write stops the reader; the writer goes on taking (and dropping) results so nobody blocks. */
    private static void fail(Counters c, IOException e) {
        c.writeFailure = e;
        c.stop = true;
    }

    private static void putQuietly(BlockingQueue<Object> q, Object o) {
        try {
            q.put(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases the DNS client. */
    @Override
    public void close() {
        lookups.close();
    }

    /** The shared endpoint runner (for its counters). */
    public SharedEndpoints endpoints() {
        return endpoints;
    }

    /** Reading the input or writing the output failed mid-scan. */
    public static final class ScanIoException extends UncheckedIOException {
        ScanIoException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
