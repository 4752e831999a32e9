package io.mailtls.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailtls.dns.Addresses;
import io.mailtls.dns.DnsAnswer;
import io.mailtls.dns.DnsClient;
import io.mailtls.dns.DnsConfig;
import io.mailtls.dns.DnsOutcome;
import io.mailtls.dns.MxRecord;
import io.mailtls.dns.TlsaRdata;
import io.mailtls.dns.TrustAnchors;
import io.mailtls.dns.TxtRecord;
import io.mailtls.lab.domain.BulkConfig;
import io.mailtls.lab.domain.DomainLab;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scan's DNS cache in front of the real client, asking the lab DNS server. */
class CachingDnsClientTest {
    static DomainLab lab;
    static DnsConfig config;

    @BeforeAll
    static void start() throws Exception {
        lab = DomainLab.bulk(BulkConfig.of(2, 4).withFractions(0, 0));
        config = new DnsConfig(Optional.of(lab.dnsAddress()), Duration.ofSeconds(2),
                TrustAnchors.fromFile(lab.trustAnchorFile()));
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    /** The real client, with every question it receives counted. */
    static final class Counting implements DnsClient {
        final DnsClient real;
        final AtomicInteger questions = new AtomicInteger();

        Counting(DnsClient real) {
            this.real = real;
        }

        @Override
        public DnsAnswer<MxRecord> mx(String domain) {
            questions.incrementAndGet();
            return real.mx(domain);
        }

        @Override
        public Addresses addresses(String host) {
            questions.incrementAndGet();
            return real.addresses(host);
        }

        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();

        @Override
        public DnsAnswer<TxtRecord> txt(String name) {
            questions.incrementAndGet();
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                return real.txt(name);
            } finally {
                now.decrementAndGet();
            }
        }

        @Override
        public DnsAnswer<TlsaRdata> tlsa(String name) {
            questions.incrementAndGet();
            return real.tlsa(name);
        }

        @Override
        public DnsAnswer<String> cname(String name) {
            questions.incrementAndGet();
            return real.cname(name);
        }

        @Override
        public DnsAnswer<InetAddress> address(String host, boolean ipv6) {
            questions.incrementAndGet();
            return real.address(host, ipv6);
        }
    }

    @Test
    void concurrentSameQuestionsGoOutOnceAndAllGetTheAnswer() throws Exception {
        Counting inner = new Counting(DnsClient.create(config));
        CachingDnsClient dns = new CachingDnsClient(inner, 100);
        String domain = lab.domains().getFirst().domain();
        List<Callable<DnsAnswer<MxRecord>>> work = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String spelling = i % 2 == 0 ? domain : domain.toUpperCase() + ".";
            work.add(() -> dns.mx(spelling));
        }

        List<DnsAnswer<MxRecord>> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<DnsAnswer<MxRecord>>> fs = new ArrayList<>();
            for (var w : work) {
                fs.add(pool.submit(w));
            }
            for (var f : fs) {
                answers.add(f.get());
            }
        }
        Addresses a1 = dns.addresses(answers.getFirst().records().getFirst().host());
        Addresses a2 = dns.addresses(answers.getFirst().records().getFirst().host());

        assertThat(inner.questions.get()).isEqualTo(2);
        assertThat(answers).allMatch(a -> a.outcome() == DnsOutcome.ANSWER && a.secure())
                .allMatch(a -> a.records().equals(answers.getFirst().records()));
        assertThat(a2).isSameAs(a1);
        assertThat(a1.exists()).isTrue();
        assertThat(dns.asked()).isEqualTo(2);
        assertThat(dns.saved()).isEqualTo(40);
    }

    @Test
    void noSuchNameIsKeptButATimeoutIsAskedAgain() {
        Counting inner = new Counting(DnsClient.create(config));
        CachingDnsClient dns = new CachingDnsClient(inner, 100);
        dns.txt("_mta-sts.nothing-here.bulk.lab.test");
        DnsAnswer<TxtRecord> again = dns.txt("_mta-sts.nothing-here.bulk.lab.test");
        assertThat(again.outcome()).isEqualTo(DnsOutcome.NXDOMAIN);
        assertThat(inner.questions.get()).isEqualTo(1);

        // Nothing answers on this port: each lookup fails, and the next one asks again.
        DnsConfig dead = new DnsConfig(Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)),
                Duration.ofMillis(200), config.anchors());
        Counting deadInner = new Counting(DnsClient.create(dead));
        CachingDnsClient deadDns = new CachingDnsClient(deadInner, 100);
        DnsAnswer<MxRecord> first = deadDns.mx("d1.bulk.lab.test");
        deadDns.mx("d1.bulk.lab.test");

        assertThat(first.outcome().conclusive()).isFalse();
        // Each lookup asked twice (a lost question is asked once more), and nothing kept.
        assertThat(deadInner.questions.get()).isEqualTo(4);
        assertThat(deadDns.retried()).isEqualTo(2);
    }

    @Test
    void questionsInFlightAreBounded() throws Exception {
        Counting inner = new Counting(DnsClient.create(config));
        CachingDnsClient dns = new CachingDnsClient(inner, 100, 3);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<DnsAnswer<TxtRecord>>> fs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String name = "_smtp._tls.d" + i + ".bulk.lab.test";
                fs.add(pool.submit(() -> dns.txt(name)));
            }
            for (var f : fs) {
                assertThat(f.get().outcome().conclusive()).isTrue();
            }
        }
        assertThat(inner.questions.get()).isEqualTo(30);
        assertThat(inner.peak.get()).isBetween(1, 3);
    }

    @Test
    void cacheHoldsAtMostItsCapacity() {
        Counting inner = new Counting(DnsClient.create(config));
        CachingDnsClient dns = new CachingDnsClient(inner, 2);
        for (String n : List.of("a", "b", "c", "a")) {
            dns.txt(n + ".bulk.lab.test");
        }
        // a, b, c (a leaves), a again.
        assertThat(inner.questions.get()).isEqualTo(4);
    }
}
