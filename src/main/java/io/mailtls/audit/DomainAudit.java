package io.mailtls.audit;

import io.mailtls.dns.MxFacts;
import io.mailtls.dns.MxHost;
import io.mailtls.dns.MxResolver;
import io.mailtls.facts.DomainFacts;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.net.Endpoint;
import io.mailtls.net.Mode;
import io.mailtls.policy.dane.DaneDiscovery;
import io.mailtls.policy.dane.DaneFacts;
import io.mailtls.policy.dane.DaneMatcher;
import io.mailtls.policy.dane.DaneResult;
import io.mailtls.policy.mtasts.MtaStsDiscovery;
import io.mailtls.policy.mtasts.StsFacts;
import io.mailtls.policy.mtasts.StsMxResult;
import io.mailtls.policy.tlsrpt.TlsRptFacts;
import io.mailtls.policy.tlsrpt.TlsRptParser;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Checks a mail domain: its MX hosts and every address of each (concurrently, within a bound), its MTA-STS policy,
 * DANE records and TLS-RPT record, the lookups running while the SMTP conversations do.
 */
final class DomainAudit {
    /** Endpoint conversations at once for one domain: enough for 4 MX x 2 addresses in one round. */
    static final int PARALLEL_ENDPOINTS = 8;

    private final CheckOptions options;
    private final DomainLookups lookups;
    private final TargetAudit.EndpointRunner runner;
    private final TargetAudit.Progress progress;

    DomainAudit(CheckOptions options, DomainLookups lookups, TargetAudit.EndpointRunner runner,
                TargetAudit.Progress progress) {
        this.options = options;
        this.lookups = lookups;
        this.runner = runner;
        this.progress = progress;
    }

    /** The endpoints' facts and the domain's facts. */
    record Result(List<EndpointFacts> endpoints, DomainFacts domain) {
    }

    Result run(String domain) {
        MxFacts mx = new MxResolver(lookups.dns()).resolve(domain);
        List<String> hostNames = DomainLookups.names(mx.hosts());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<StsFacts> sts = pool.submit(() -> new MtaStsDiscovery(lookups.dns(), lookups.fetcher())
                    .discover(domain, hostNames));
            Future<TlsRptFacts> rpt = pool.submit(() -> TlsRptParser.lookup(lookups.dns(), domain));
            List<Future<DaneFacts>> tlsa = new ArrayList<>();
            DaneDiscovery dane = new DaneDiscovery(lookups.dns());
            for (MxHost h : mx.hosts()) {
                tlsa.add(pool.submit(() -> dane.lookup(h, mx.mx().dnssec(), options.domain().mxPort())));
            }
            Semaphore slots = new Semaphore(PARALLEL_ENDPOINTS);
            List<Future<EndpointFacts>> eps = new ArrayList<>();
            for (MxHost h : mx.hosts()) {
                for (InetAddress a : h.addresses().all()) {
                    boolean keep = (a instanceof Inet4Address && options.ipv4()) || (a instanceof Inet6Address && options.ipv6());
                    if (!keep) {
                        continue;
                    }
                    Endpoint e = new Endpoint(h.host(), a, options.domain().mxPort(), Mode.STARTTLS, h.preference());
                    String expected = options.expectName() != null ? options.expectName() : h.host();
                    eps.add(pool.submit(limited(slots, () -> runner.run(e, expected,
                            l -> progress.line(e.hostPort(), l)))));
                }
            }
            List<EndpointFacts> endpoints = all(eps);
            StsFacts stsFacts = sts.get();
            var seen = MtaStsJudge.observations(mx.hosts(), endpoints);
            List<StsMxResult> stsResults = MtaStsJudge.results(stsFacts, seen);
            List<DaneResult> daneResults = new ArrayList<>();
            for (int i = 0; i < mx.hosts().size(); i++) {
                DaneFacts f = tlsa.get(i).get();
                String host = mx.hosts().get(i).host();
                var chain = endpoints.stream().filter(x -> x.endpoint().host().equals(host) && x.tls() != null)
                        .findFirst().map(x -> x.tls().chain()).orElse(List.of());
                daneResults.add(new DaneResult(f, DaneMatcher.match(f.records(), chain, f.referenceNames(), Instant.now())));
            }
            return new Result(endpoints, new DomainFacts(mx, stsFacts, seen, stsResults, daneResults, rpt.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static <T> Callable<T> limited(Semaphore slots, Callable<T> work) {
        return () -> {
            slots.acquire();
            try {
                return work.call();
            } finally {
                slots.release();
            }
        };
    }

    private static <T> List<T> all(List<Future<T>> futures) throws InterruptedException, ExecutionException {
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get());
        }
        return out;
    }
}
