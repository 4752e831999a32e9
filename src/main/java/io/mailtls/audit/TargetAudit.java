package io.mailtls.audit;

import io.mailtls.check.DomainJudgement;
import io.mailtls.check.EndpointChecks;
import io.mailtls.check.Finding;
import io.mailtls.delivery.DeliveryVerdict;
import io.mailtls.delivery.DomainSenders;
import io.mailtls.delivery.SenderProfiles;
import io.mailtls.facts.DomainFacts;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.facts.Outcome;
import io.mailtls.net.Endpoint;
import io.mailtls.net.Failure;
import io.mailtls.net.Phase;
import io.mailtls.net.Target;
import io.mailtls.smtp.TranscriptLine;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Checks a target: a mail domain (MX hosts, MTA-STS, DANE, TLS-RPT) or one host, every address its own endpoint,
 * audited concurrently, judged, and assembled into the report model.
 */
public final class TargetAudit {
    private final CheckOptions options;
    private final Progress progress;
    private final EndpointRunner runner;
    private final Supplier<DomainLookups> lookups;

    /** Receives events while a check runs (live transcripts for the web UI, progress bars). */
    public interface Progress {
        /** A transcript line of the endpoint {@code hostPort}. */
        void line(String hostPort, TranscriptLine line);

        /** No-op progress. */
        Progress NONE = (h, l) -> { };
    }

    /** Runs the conversation with one endpoint; the bulk scanner wraps it to share results between domains. */
    @FunctionalInterface
    public interface EndpointRunner {
        EndpointFacts run(Endpoint endpoint, String expectedName, Consumer<TranscriptLine> live);
    }

    /** A check with its own endpoint runner and domain clients (made on first use). */
    public TargetAudit(CheckOptions options, Progress progress) {
        this(options, progress, new EndpointAudit(options)::run, memo(() -> DomainLookups.create(options.domain(),
                options.anchors(), options.step())));
    }

    /** A check sharing a runner and domain clients with others (bulk scans). */
    public TargetAudit(CheckOptions options, Progress progress, EndpointRunner runner, Supplier<DomainLookups> lookups) {
        this.options = options;
        this.progress = progress;
        this.runner = runner;
        this.lookups = lookups;
    }

    private static Supplier<DomainLookups> memo(Supplier<DomainLookups> s) {
        return new Supplier<>() {
            private DomainLookups value;

            @Override
            public synchronized DomainLookups get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    /** Checks one target: a single endpoint, or a domain when the target is a bare name. */
    public CheckReport check(Target target) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        if (!target.endpointOnly()) {
            DomainAudit.Result r = new DomainAudit(options, lookups.get(), runner, progress).run(target.host());
            List<EndpointReport> reports = judge(r.endpoints());
            List<Finding> domainFindings = DomainJudgement.judge(r.domain(),
                    reports.stream().map(EndpointReport::verdict).toList());
            List<DeliveryVerdict> delivery = DomainSenders.forDomain(r.domain(), reports.stream()
                    .map(x -> new DomainSenders.Mx(x.facts(), x.verdict())).toList());
            return assemble(target.original(), started, t0, reports, domainFindings, r.domain(), delivery);
        }
        String expected = options.expectName() != null ? options.expectName() : target.host();
        List<EndpointFacts> facts = new ArrayList<>();
        try {
            List<Endpoint> endpoints = resolve(target);
            if (endpoints.isEmpty()) {
                facts.add(unresolved(target, expected, "no " + (options.ipv4() ? "IPv4" : "IPv6") + " address"));
            } else {
                facts.addAll(auditAll(endpoints, expected));
            }
        } catch (UnknownHostException e) {
            facts.add(unresolved(target, expected, String.valueOf(e.getMessage())));
        }
        List<EndpointReport> reports = judge(facts);
        List<DeliveryVerdict> delivery = new ArrayList<>();
        if (!reports.isEmpty()) {
            // For one host the verdict of its worst endpoint is what a sender risks.
            EndpointReport worst = reports.stream().max(Comparator.comparing(r -> r.verdict().outcome())).orElseThrow();
            delivery.addAll(SenderProfiles.forEndpoint(worst.facts(), worst.verdict()));
        }
        return assemble(target.original(), started, t0, reports, List.of(), null, delivery);
    }

    private static List<EndpointReport> judge(List<EndpointFacts> facts) {
        return facts.stream().map(f -> new EndpointReport(f, EndpointChecks.judge(f))).toList();
    }

    private List<Endpoint> resolve(Target t) throws UnknownHostException {
        List<Endpoint> out = new ArrayList<>();
        for (InetAddress a : InetAddress.getAllByName(t.host())) {
            boolean keep = (a instanceof Inet4Address && options.ipv4()) || (a instanceof Inet6Address && options.ipv6());
            if (keep) {
                out.add(new Endpoint(t.host(), a, t.port(), t.mode(), null));
            }
        }
        return out;
    }

    private List<EndpointFacts> auditAll(List<Endpoint> endpoints, String expected) {
        if (endpoints.size() == 1) {
            Endpoint e = endpoints.getFirst();
            return List.of(runner.run(e, expected, l -> progress.line(e.hostPort(), l)));
        }
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<EndpointFacts>> futures = new ArrayList<>();
            for (Endpoint e : endpoints) {
                futures.add(pool.submit(() -> runner.run(e, expected, l -> progress.line(e.hostPort(), l))));
            }
            List<EndpointFacts> out = new ArrayList<>();
            for (Future<EndpointFacts> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static EndpointFacts unresolved(Target t, String expected, String why) {
        Endpoint e = new Endpoint(t.host(), null, t.port(), t.mode(), null);
        Failure f = new Failure(Failure.Kind.UNRESOLVED, Phase.RESOLVE, "the name " + t.host() + " does not resolve", why);
        return new EndpointFacts(e, expected, List.of(), null, null, null, f, null);
    }

    /** Builds the report model from judged endpoints and domain-level findings. */
    static CheckReport assemble(String target, Instant started, long t0, List<EndpointReport> reports,
                                List<Finding> domainFindings, DomainFacts domain, List<DeliveryVerdict> delivery) {
        List<Finding> findings = new ArrayList<>(domainFindings);
        Outcome outcome = null;
        for (EndpointReport r : reports) {
            findings.addAll(r.verdict().findings());
            outcome = outcome == null ? r.verdict().outcome() : outcome.worst(r.verdict().outcome());
        }
        findings.sort(Comparator.comparing(Finding::severity).reversed());
        if (outcome == null) {
            // No endpoint at all: a null MX or no MX and no address says "no mail over TLS"; a lookup failure, nothing.
            outcome = findings.stream().anyMatch(f -> f.severity() == io.mailtls.check.Severity.CRITICAL)
                    ? Outcome.NO_TLS : Outcome.INCONCLUSIVE;
        }
        return new CheckReport(target, started, (System.nanoTime() - t0) / 1_000_000L, outcome, findings, reports,
                delivery, domain);
    }
}
