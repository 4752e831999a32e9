package io.mailtls.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailtls.audit.CheckOptions;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Whole scans against the lab behind a misbehaving proxy: one line per target, whatever happens. */
class BulkScanTest {
    static final Duration STEP = Duration.ofSeconds(3);
    static final Duration DEADLINE = Duration.ofSeconds(15);
    static Lab lab;
    static CheckOptions options;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(LabConfig.of(Scenario.GOOD));
        options = new CheckOptions("tests.mailtls.invalid", "mx.lab.test", null, TrustAnchors.load(lab.caFile()),
                STEP, DEADLINE, true, false);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static List<InetAddress> loopbacks(int third, int count) throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(InetAddress.getByName("127.0." + third + "." + i));
        }
        return out;
    }

    static String target(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    static ScanSettings settings(int concurrency) {
        return ScanSettings.defaults(concurrency, DEADLINE).withRetries(1, Duration.ofMillis(20));
    }

    @Test
    void chaosEveryTargetExactlyOnceWithDuplicatesMergedAndBadLinesReported() throws Exception {
        Map<ChaosProxy.Act, Integer> weights = Map.of(ChaosProxy.Act.PASS, 4, ChaosProxy.Act.RESET, 1,
                ChaosProxy.Act.CLOSE, 1, ChaosProxy.Act.THROTTLE, 1, ChaosProxy.Act.RESET_MIDWAY, 2);
        try (ChaosProxy proxy = ChaosProxy.start(lab.address(Scenario.GOOD), loopbacks(1, 60), weights, 42,
                Duration.ZERO)) {
            List<String> targets = proxy.addresses().stream().map(BulkScanTest::target).toList();
            StringBuilder input = new StringBuilder("# chaos list\n\n");
            Set<String> expected = new LinkedHashSet<>();
            for (String t : targets) {
                input.append(t).append('\n');
                expected.add(t);
            }
            // Repeats in other spellings: merged into the first.
            input.append(targets.get(3)).append("   # again\n").append("smtp://").append(targets.get(4)).append('\n')
                    .append(targets.get(5)).append("\r\n");
            // Lines that are not targets: each still gets its line.
            String longLine = "x".repeat(5000);
            input.append("not a target!\n127.0.0.1:0\n").append(longLine).append('\n');
            expected.add("not a target!");
            expected.add("127.0.0.1:0");
            expected.add("x".repeat(TargetInput.SHOWN) + "\u2026");
            // Nothing listens: refused.
            input.append("127.0.9.9:1\n");
            expected.add("127.0.9.9:1");
            Path in = dir.resolve("targets.txt");
            Files.writeString(in, input);
            Path out = dir.resolve("out.jsonl");
            Path csv = dir.resolve("out.csv");

            ScanTotals totals;
            try (ScanOutput o = ScanOutput.files(out, csv, false); BulkScan scan = new BulkScan(options, settings(16))) {
                totals = scan.run(ScanSource.file(in), o, ScanListener.NONE);
            }

            Map<String, JsonNode> lines = ScanFiles.byTarget(ScanFiles.lines(out));
            assertThat(lines.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(totals.skipped()).isEqualTo(3);
            assertThat(totals.invalid()).isEqualTo(3);
            assertThat(totals.checked()).isEqualTo(expected.size());
            assertThat(ScanFiles.ids(lines.get("not a target!"))).containsExactly("TARGET_INVALID");
            assertThat(lines.get("127.0.0.1:0").path("outcome").stringValue("")).isEqualTo("INCONCLUSIVE");
            assertThat(ScanFiles.ids(lines.get("127.0.9.9:1"))).containsExactly("CONNECT_REFUSED");
            assertThat(Files.readAllLines(csv)).hasSize(expected.size() + 1);
            // The chaos was real: every misbehaviour happened, and some targets still came through fine.
            for (ChaosProxy.Act a : ChaosProxy.Act.values()) {
                assertThat(proxy.count(a)).as(a.name()).isPositive();
            }
            assertThat(lines.values()).filteredOn(n -> n.path("outcome").stringValue("").equals("TLS_OK")).isNotEmpty();
        }
    }

    @Test
    void aTargetThatHangsGetsItsDeadlineLineAndTheScanMovesOn() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> held = new ArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accept, never speak
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            CheckOptions slow = new CheckOptions("tests.mailtls.invalid", "mx.lab.test", null,
                    TrustAnchors.load(lab.caFile()), Duration.ofSeconds(20), Duration.ofSeconds(60), true, false);
            ScanSettings s = settings(4).withTargetDeadline(Duration.ofSeconds(1));
            String input = "127.0.0.1:" + silent.getLocalPort() + "\n" + target(lab.address(Scenario.GOOD)) + "\n";
            StringWriter out = new StringWriter();
            long t0 = System.nanoTime();

            ScanTotals totals;
            try (ScanOutput o = ScanOutput.stream(out, null); BulkScan scan = new BulkScan(slow, s)) {
                totals = scan.run(ScanSource.stream(new ByteArrayInputStream(input.getBytes())), o, ScanListener.NONE);
            }

            long ms = (System.nanoTime() - t0) / 1_000_000;
            Map<String, JsonNode> lines = ScanFiles.byTarget(ScanFiles.lines(out.toString()));
            assertThat(lines).hasSize(2);
            assertThat(ScanFiles.ids(lines.get("127.0.0.1:" + silent.getLocalPort()))).containsExactly("DEADLINE_EXCEEDED");
            assertThat(lines.get(target(lab.address(Scenario.GOOD))).path("outcome").stringValue("")).isEqualTo("TLS_OK");
            assertThat(totals.deadlines()).isEqualTo(1);
            assertThat(ms).isLessThan(10_000); // not the 20 s step limit
            for (Socket h : held) {
                h.close();
            }
        }
    }

    @Test
    void readerStaysABoundedDistanceAheadOfTheOutput() throws Exception {
        int concurrency = 2;
        int lines = 3000;
        CountDownLatch writerBlocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        Writer blocking = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                writerBlocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                for (int i = off; i < off + len; i++) {
                    if (cbuf[i] == '\n') {
                        written.incrementAndGet();
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // One line per read(); nothing listens on these addresses, so each check ends at once (refused).
        LineServer input = new LineServer(lines, i -> "127.0." + (20 + i / 250) + "." + (1 + i % 250) + ":1\n");
        // Queues of 16 each side, the workers' two, the writer's batch of 256, one in the reader's hand.
        long bound = 16 + concurrency + 16 + 256 + 1;

        Thread scanThread;
        var result = new java.util.concurrent.atomic.AtomicReference<ScanTotals>();
        try (ScanOutput o = ScanOutput.stream(blocking, null); BulkScan scan = new BulkScan(options, settings(concurrency))) {
            scanThread = Thread.ofVirtual().start(() -> {
                try {
                    result.set(scan.run(ScanSource.stream(input), o, ScanListener.NONE));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(writerBlocked.await(30, TimeUnit.SECONDS)).isTrue();
            // With the writer stuck, the reader must stop once the queues are full, far short of the input.
            assertThat(input.awaitServed(bound + 1, Duration.ofSeconds(2))).isFalse();
            release.countDown();
            scanThread.join(Duration.ofSeconds(120));
        }

        assertThat(result.get()).isNotNull();
        assertThat(result.get().checked()).isEqualTo(lines);
        assertThat(written.get()).isEqualTo(lines);
        assertThat(input.served()).isEqualTo(lines);
    }

    /** An input stream that hands out one generated line per read and can be waited on. */
    static final class LineServer extends InputStream {
        private final int total;
        private final java.util.function.IntFunction<String> line;
        private byte[] current = new byte[0];
        private int pos;
        private int served;

        LineServer(int total, java.util.function.IntFunction<String> line) {
            this.total = total;
            this.line = line;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            if (pos == current.length) {
                if (served == total) {
                    return -1;
                }
                current = line.apply(served).getBytes(StandardCharsets.US_ASCII);
                pos = 0;
                served++;
                notifyAll();
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        synchronized int served() {
            return served;
        }

        synchronized boolean awaitServed(long n, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (served < n) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    @Test
    void resumeChecksOnlyWhatIsMissingAndRedoesTheTornLine() throws Exception {
        try (ChaosProxy proxy = ChaosProxy.passing(lab.address(Scenario.GOOD), loopbacks(2, 8), Duration.ZERO)) {
            List<String> targets = proxy.addresses().stream().map(BulkScanTest::target).toList();
            Path in = dir.resolve("targets.txt");
            Files.writeString(in, String.join("\n", targets) + "\n");
            Path out = dir.resolve("out.jsonl");
            // A first run over the first three targets, then a torn fourth line as a kill would leave it.
            Path first = dir.resolve("first.txt");
            Files.writeString(first, String.join("\n", targets.subList(0, 3)) + "\n");
            try (ScanOutput o = ScanOutput.files(out, null, false); BulkScan scan = new BulkScan(options, settings(4))) {
                scan.run(ScanSource.file(first), o, ScanListener.NONE);
            }
            Files.writeString(out, "{\"schema\":\"mailtls.check/1\",\"target\":\"" + targets.get(3) + "\",\"outc",
                    java.nio.file.StandardOpenOption.APPEND);
            long before = proxy.accepted();

            ScanTotals totals;
            try (ScanOutput o = ScanOutput.files(out, null, true); BulkScan scan = new BulkScan(options, settings(4))) {
                totals = scan.run(ScanSource.file(in), o, ScanListener.NONE);
            }

            assertThat(proxy.accepted() - before).isEqualTo(5);
            assertThat(ScanFiles.byTarget(ScanFiles.lines(out)).keySet()).containsExactlyInAnyOrderElementsOf(targets);
            assertThat(totals.resumed()).isEqualTo(3);
            assertThat(totals.skipped()).isEqualTo(3);
            assertThat(totals.checked()).isEqualTo(5);
            assertThat(totals.tornBytes()).isPositive();
            assertThat(totals.tally().targets()).isEqualTo(8);
            assertThat(SummaryTable.render(totals)).contains("TLS_OK").contains("3 kept from the earlier run");
        }
    }

    @Test
    void unreadableInputStopsTheScanWithEveryFinishedResultWritten() throws Exception {
        InputStream failing = new InputStream() {
            private final byte[] head = (target(lab.address(Scenario.GOOD)) + "\n").getBytes();
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos < head.length) {
                    return head[pos++];
                }
                throw new IOException("disk on fire");
            }
        };
        StringWriter out = new StringWriter();

        try (ScanOutput o = ScanOutput.stream(out, null); BulkScan scan = new BulkScan(options, settings(2))) {
            assertThatThrownBy(() -> scan.run(ScanSource.stream(failing), o, ScanListener.NONE))
                    .isInstanceOf(BulkScan.ScanIoException.class).hasMessageContaining("disk on fire");
        }

        assertThat(ScanFiles.byTarget(ScanFiles.lines(out.toString()))).containsOnlyKeys(target(lab.address(Scenario.GOOD)));
    }
}
