package io.mailtls.lab.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mailtls.dns.DnsClient;
import io.mailtls.dns.DnsConfig;
import io.mailtls.dns.DnssecStatus;
import io.mailtls.dns.MxFacts;
import io.mailtls.dns.MxHost;
import io.mailtls.dns.MxResolver;
import io.mailtls.dns.TrustAnchors;
import io.mailtls.lab.LabServer;
import io.mailtls.lab.LabStartException;

/** The bulk lab at benchmark size: start time, memory and file descriptors, and what it serves. */
class BulkDomainLabTest {

    private static final Logger LOG = LoggerFactory.getLogger(BulkDomainLabTest.class);

    @Test
    void aThousandEndpointsAndTwoThousandDomainsStartQuicklyAndServeSignedMx() throws Exception {
        long fdsBefore = openFds();
        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();
        DomainLab lab = DomainLab.bulk(1_000, 2_000, 0.10, 0.05);
        try {
            Duration startup = Duration.ofNanos(System.nanoTime() - start);
            long fdsRunning = openFds();
            long heapRunning = usedHeapAfterGc();
            LOG.info("bulk lab: 1000 endpoints, 2000 domains started in {} ms; +{} fds; +{} MB heap",
                    startup.toMillis(), fdsRunning - fdsBefore, (heapRunning - heapBefore) / (1024 * 1024));

            assertThat(startup).isLessThan(Duration.ofSeconds(20));
            assertThat(fdsRunning - fdsBefore).isBetween(1_000L, 1_100L);
            assertThat(heapRunning - heapBefore).isLessThan(256L * 1024 * 1024);
            assertThat(lab.servers()).hasSize(1_000)
                    .allSatisfy(s -> assertThat(s.address().getPort()).isEqualTo(lab.smtpPort()));
            assertThat(lab.domains()).hasSize(2_000);

            Map<String, Long> byScenario = lab.servers().stream()
                    .collect(Collectors.groupingBy(s -> s.scenario().id(), Collectors.counting()));
            assertThat(byScenario).containsEntry("no-starttls", 50L).containsEntry("expired", 50L)
                    .containsEntry("slow-greeting", 50L).containsEntry("good", 850L);
            assertThat(lab.domains().stream().mapToInt(d -> d.mx().size()).max().orElseThrow()).isEqualTo(2);
            assertThat(lab.dns().signaturesMade()).as("signatures are made on demand").isZero();

            try (DnsClient dns = DnsClient.create(new DnsConfig(Optional.of(lab.dnsAddress()), Duration.ofSeconds(3),
                    TrustAnchors.fromFile(lab.trustAnchorFile())))) {
                var resolver = new MxResolver(dns);
                for (DomainScenario domain : Stream.of(0, 1, 999, 1_000, 1_999).map(lab.domains()::get).toList()) {
                    MxFacts mx = resolver.resolve(domain.domain());
                    assertThat(mx.mx().dnssec()).isEqualTo(DnssecStatus.SECURE);
                    assertThat(mx.hosts()).extracting(MxHost::host)
                            .containsExactlyElementsOf(domain.mx().stream().map(DomainScenario.Mx::host).toList());
                    assertThat(mx.hosts()).extracting(h -> h.addresses().all().getFirst())
                            .containsExactlyElementsOf(domain.mx().stream().map(m -> m.address().getAddress()).toList());
                }
            }

            Map<String, LabServer> first = lab.servers().stream()
                    .collect(Collectors.toMap(s -> s.scenario().id(), Function.identity(), (a, b) -> a));
            List<X509Certificate> good = StartTlsPeek.chain(first.get("good").address(), "mx1.bulk.lab.test");
            List<X509Certificate> expired = StartTlsPeek.chain(first.get("expired").address(), "mx1.bulk.lab.test");
            assertThat(good.getFirst().getSubjectAlternativeNames().stream().map(san -> (Object) san.get(1)).toList())
                    .containsExactly("*.bulk.lab.test");
            assertThat(good.getFirst().getNotAfter()).isInTheFuture();
            assertThat(expired.getFirst().getNotAfter()).isInThePast();
            assertThatThrownBy(() -> StartTlsPeek.chain(first.get("no-starttls").address(), "mx1.bulk.lab.test"))
                    .hasMessageContaining("expected 220");
        } finally {
            long closing = System.nanoTime();
            lab.close();
            LOG.info("bulk lab closed in {} ms", Duration.ofNanos(System.nanoTime() - closing).toMillis());
        }
        assertThat(openFds()).isLessThan(fdsBefore + 20);
    }

    @Test
    void aPortTakenOnOneAddressFailsTheStartAndLeavesNothingOpen(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        var config = DomainLabConfig.defaults().withScenarios("all-good").withAddressBlock(30);
        // all-good's second MX will want 127.30.1.2; take a port there first.
        try (var squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(DomainPublisher.address(30, 1, 2), 0));
            int port = squatter.getLocalPort();
            long fdsBefore = openFds();

            assertThatThrownBy(() -> DomainLab.start(config.withSmtpPort(port).withCaFile(dir.resolve("ca.pem"))))
                    .isInstanceOf(LabStartException.class).hasMessageContaining("127.30.1.2:" + port);

            assertThat(openFds()).isLessThanOrEqualTo(fdsBefore + 5);
            try (var again = new ServerSocket()) {
                again.bind(new InetSocketAddress(DomainPublisher.address(30, 1, 1), port));
                assertThat(again.isBound()).as("the first MX's port was released").isTrue();
            }
        }
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
