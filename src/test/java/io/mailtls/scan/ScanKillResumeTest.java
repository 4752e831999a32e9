package io.mailtls.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code mailtls scan} process killed with SIGKILL halfway, then resumed: every target once, every line whole. */
class ScanKillResumeTest {
    static final int TARGETS = 120;

    @TempDir
    Path dir;

    Process scan(Path in, Path out, Path ca, String... extra) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.mailtls.cli.Main", "scan", in.toString(), "--out", out.toString(), "--concurrency", "4",
                "--ca-file", ca.toString(), "--expect-name", "mx.lab.test", "--timeout", "5", "--no-progress"));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout-" + extra.length + ".txt").toFile())
                .redirectError(dir.resolve("stderr-" + extra.length + ".txt").toFile()).start();
    }

    static long lineEnds(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        long n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        return n;
    }

    @Test
    void killedScanResumesToEveryTargetExactlyOnce() throws Exception {
        List<InetAddress> binds = new ArrayList<>();
        for (int i = 1; i <= TARGETS; i++) {
            binds.add(InetAddress.getByName("127.0." + (5 + i / 200) + "." + (1 + i % 200)));
        }
        try (Lab lab = Lab.start(LabConfig.of(Scenario.GOOD));
             // Each connection waits a little before it goes through, so the scan is still running when killed.
             ChaosProxy proxy = ChaosProxy.passing(lab.address(Scenario.GOOD), binds, Duration.ofMillis(150))) {
            List<String> targets = new ArrayList<>();
            for (InetSocketAddress a : proxy.addresses()) {
                targets.add(a.getAddress().getHostAddress() + ":" + a.getPort());
            }
            Path in = dir.resolve("targets.txt");
            Files.writeString(in, String.join("\n", targets) + "\n");
            Path out = dir.resolve("out.jsonl");

            Process first = scan(in, out, lab.caFile());
            assertThat(proxy.awaitAccepted(TARGETS / 3, Duration.ofSeconds(120)))
                    .as("the first run got going: %s", Files.exists(dir.resolve("stderr-0.txt"))
                            ? Files.readString(dir.resolve("stderr-0.txt")) : "").isTrue();
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(128 + 9);
            long done = lineEnds(out);
            assertThat(done).as("killed halfway").isBetween(1L, (long) TARGETS - 1);
            long acceptedBefore = proxy.accepted();

            Process second = scan(in, out, lab.caFile(), "--resume");
            assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();

            assertThat(second.exitValue()).as(Files.readString(dir.resolve("stderr-1.txt"))).isZero();
            var lines = ScanFiles.byTarget(ScanFiles.lines(out)); // every line parses, no target twice
            assertThat(lines.keySet()).containsExactlyInAnyOrderElementsOf(targets);
            assertThat(lines.values()).allMatch(n -> n.path("outcome").stringValue("").equals("TLS_OK"));
            // Only what was missing was checked again; connections the killed run left half-open may add a few.
            assertThat(proxy.accepted() - acceptedBefore).isBetween(TARGETS - done, TARGETS - done + 4);
            assertThat(Files.readString(dir.resolve("stdout-1.txt"))).contains(done + " kept from the earlier run");
        }
    }
}
