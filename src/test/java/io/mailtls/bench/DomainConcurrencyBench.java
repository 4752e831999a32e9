package io.mailtls.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.CheckReport;
import io.mailtls.audit.DomainOptions;
import io.mailtls.audit.EndpointAudit;
import io.mailtls.audit.TargetAudit;
import io.mailtls.cert.TrustAnchors;
import io.mailtls.lab.Lab;
import io.mailtls.lab.LabConfig;
import io.mailtls.lab.Scenario;
import io.mailtls.lab.domain.dns.LabDns;
import io.mailtls.lab.domain.dns.LabDnsConfig;
import io.mailtls.lab.domain.dns.LabZone;
import io.mailtls.net.TargetParser;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (run by bench/domain-bench.sh, excluded from the test run): a domain with 4 MX hosts of 2 addresses each,
 * every endpoint greeting after 1 s, is checked concurrently and, for comparison, one endpoint at a time. Prints the
 * wall times; asserts only that every endpoint was checked.
 */
@Tag("bench")
class DomainConcurrencyBench {
    static final Duration GREETING = Duration.ofSeconds(1);

    @Test
    void fourMxTwoAddressesEach() throws Exception {
        Path dir = Files.createTempDirectory("mailtls-bench-");
        List<Lab> labs = new ArrayList<>();
        int port = 0;
        LabZone.Builder zone = LabZone.builder("lab.test");
        for (int mx = 1; mx <= 4; mx++) {
            String host = "mx" + mx + ".four.lab.test";
            zone.mx("four.lab.test", mx * 10, host);
            for (int a = 1; a <= 2; a++) {
                InetAddress address = InetAddress.getByName("127.30." + mx + "." + a);
                LabConfig c = LabConfig.of(Scenario.SLOW_GREETING).withBindAddress(address).withGreetingDelay(GREETING)
                        .withCaFile(dir.resolve("ca-" + mx + "-" + a + ".pem"));
                if (port != 0) {
                    c = c.withPort(Scenario.SLOW_GREETING, port);
                }
                Lab lab = Lab.start(c);
                labs.add(lab);
                port = lab.address(Scenario.SLOW_GREETING).getPort();
                zone.address(host, address);
            }
        }
        try (LabDns dns = LabDns.start(zone.build(), LabDnsConfig.defaults().withTrustAnchorFile(dir.resolve("anchor.txt")))) {
            var options = new CheckOptions("bench.mailtls.invalid", null, null, TrustAnchors.load(null),
                    Duration.ofSeconds(5), Duration.ofSeconds(30), true, false)
                    .withDomain(new DomainOptions(dns.address(), dns.trustAnchorFile(), port, 443));
            new TargetAudit(options, TargetAudit.Progress.NONE).check(TargetParser.parse("four.lab.test")); // warm-up
            long t0 = System.nanoTime();
            CheckReport concurrent = new TargetAudit(options, TargetAudit.Progress.NONE)
                    .check(TargetParser.parse("four.lab.test"));
            long concurrentMs = (System.nanoTime() - t0) / 1_000_000;
            ReentrantLock oneAtATime = new ReentrantLock();
            EndpointAudit audit = new EndpointAudit(options);
            TargetAudit.EndpointRunner serial = (e, n, l) -> {
                oneAtATime.lock();
                try {
                    return audit.run(e, n, l);
                } finally {
                    oneAtATime.unlock();
                }
            };
            var lookups = io.mailtls.audit.DomainLookups.create(options.domain(), options.anchors(), options.step());
            t0 = System.nanoTime();
            CheckReport sequential = new TargetAudit(options, TargetAudit.Progress.NONE, serial, () -> lookups)
                    .check(TargetParser.parse("four.lab.test"));
            long sequentialMs = (System.nanoTime() - t0) / 1_000_000;
            long slowest = concurrent.endpoints().stream().mapToLong(e -> e.facts().transcript().getLast().atMs())
                    .max().orElse(0);
            System.out.printf("BENCH domain four.lab.test: %d endpoints (4 MX x 2 addresses, greeting %d ms)%n",
                    concurrent.endpoints().size(), GREETING.toMillis());
            System.out.printf("BENCH concurrent: %d ms (slowest endpoint conversation %d ms)%n", concurrentMs, slowest);
            System.out.printf("BENCH one endpoint at a time: %d ms%n", sequentialMs);
            System.out.printf("BENCH ratio sequential/concurrent: %.1f%n", (double) sequentialMs / concurrentMs);
            assertThat(concurrent.endpoints()).hasSize(8);
            assertThat(sequential.endpoints()).hasSize(8);
        } finally {
            labs.forEach(Lab::close);
        }
    }
}
