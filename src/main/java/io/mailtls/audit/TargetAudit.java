package io.mailtls.audit;

import io.mailtls.check.EndpointChecks;
import io.mailtls.check.EndpointVerdict;
import io.mailtls.check.Finding;
import io.mailtls.delivery.DeliveryVerdict;
import io.mailtls.delivery.SenderProfiles;
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

/** Checks a target: resolves it to endpoints, audits each concurrently, judges, and builds the report model. */
public final class TargetAudit {
    private final CheckOptions options;
    private final Progress progress;

    /** Receives events while a check runs (live transcripts for the web UI, progress bars). */
    public interface Progress {
        /** A transcript line of the endpoint {@code hostPort}. */
        void line(String hostPort, TranscriptLine line);

        /** No-op progress. */
        Progress NONE = (h, l) -> { };
    }

    public TargetAudit(CheckOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Checks one host (or IP literal) on the target's port; every address is its own endpoint. */
    public CheckReport check(Target target) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
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
        List<EndpointReport> reports = facts.stream().map(f -> new EndpointReport(f, EndpointChecks.judge(f))).toList();
        return assemble(target.original(), started, t0, reports);
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
        EndpointAudit audit = new EndpointAudit(options);
        if (endpoints.size() == 1) {
            Endpoint e = endpoints.getFirst();
            return List.of(audit.run(e, expected, l -> progress.line(e.hostPort(), l)));
        }
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<EndpointFacts>> futures = new ArrayList<>();
            for (Endpoint e : endpoints) {
                futures.add(pool.submit(() -> audit.run(e, expected, l -> progress.line(e.hostPort(), l))));
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

    /** Builds the report model from judged endpoints. */
    static CheckReport assemble(String target, Instant started, long t0, List<EndpointReport> reports) {
        List<Finding> findings = new ArrayList<>();
        Outcome outcome = null;
        List<DeliveryVerdict> delivery = new ArrayList<>();
        for (EndpointReport r : reports) {
            EndpointVerdict v = r.verdict();
            findings.addAll(v.findings());
            outcome = outcome == null ? v.outcome() : outcome.worst(v.outcome());
        }
        if (!reports.isEmpty()) {
            // For one host the verdict of its worst endpoint is what a sender risks.
            EndpointReport worst = reports.stream().max(Comparator.comparing(r -> r.verdict().outcome())).orElseThrow();
            delivery.addAll(SenderProfiles.forEndpoint(worst.facts(), worst.verdict()));
        }
        findings.sort(Comparator.comparing(Finding::severity).reversed());
        return new CheckReport(target, started, (System.nanoTime() - t0) / 1_000_000L,
                outcome == null ? Outcome.INCONCLUSIVE : outcome, findings, reports, delivery);
    }
}
