package io.mailtls.web;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.CheckReport;
import io.mailtls.audit.DomainLookups;
import io.mailtls.audit.EndpointReport;
import io.mailtls.audit.TargetAudit;
import io.mailtls.check.EndpointVerdict;
import io.mailtls.check.Finding;
import io.mailtls.check.Severity;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.net.Endpoint;
import io.mailtls.net.Failure;
import io.mailtls.net.Phase;
import io.mailtls.policy.mtasts.PolicyHostResolver;
import io.mailtls.policy.mtasts.PolicyTrust;
import io.mailtls.policy.mtasts.StsPolicyFetcher;
import io.mailtls.smtp.TranscriptLine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SSRF guard inside the engine, for what the engine resolves itself (MX hosts and their addresses, implicit
 * MX, the MTA-STS policy host): every connection is judged on the exact address it is about to use, so no DNS
 * answer, first or rebound, can take it to a refused one. One instance per check.
 */
final class GuardedEngine {
    /** The finding an endpoint gets when the guard did not let the engine connect to it. */
    static final String ADDRESS_NOT_ALLOWED = "ADDRESS_NOT_ALLOWED";

    private final boolean allowPrivate;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    GuardedEngine(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why this server must not connect to {@code address:port}, or empty. */
    Optional<String> refusal(InetSocketAddress to, boolean mailPortsOnly) {
        if (allowPrivate) {
            return Optional.empty();
        }
        Optional<String> why = AddressPolicy.refusal(to.getAddress());
        if (why.isEmpty() && mailPortsOnly && !TargetGuard.MAIL_PORTS.contains(to.getPort())) {
            why = Optional.of("port " + to.getPort() + " is not a mail port");
        }
        return why;
    }

    /** Runs {@code delegate} only for allowed endpoints; a refused one gets a note and a failure, and no connection. */
    TargetAudit.EndpointRunner runner(TargetAudit.EndpointRunner delegate) {
        return (endpoint, expected, live) -> {
            if (endpoint.address() == null) {
                return delegate.run(endpoint, expected, live);
            }
            Optional<String> why = refusal(new InetSocketAddress(endpoint.address(), endpoint.port()), true);
            if (why.isEmpty()) {
                return delegate.run(endpoint, expected, live);
            }
            refused.add(endpoint.hostPort());
            String detail = "not checked: " + endpoint.addressText() + " is " + why.get()
                    + "; this server does not connect there";
            TranscriptLine note = new TranscriptLine(0, TranscriptLine.From.NOTE, detail);
            live.accept(note);
            Failure f = new Failure(Failure.Kind.UNREACHABLE, Phase.CONNECT, detail, "");
            return new EndpointFacts(endpoint, expected, List.of(note), null, null, null, f, null, null, null);
        };
    }

    /** Policy-host addresses without the refused ones; none left is a lookup failure. */
    PolicyHostResolver policyHosts(PolicyHostResolver delegate) {
        return host -> {
            List<InetSocketAddress> allowed = new ArrayList<>();
            String firstRefusal = null;
            for (InetSocketAddress a : delegate.resolve(host)) {
                Optional<String> why = refusal(a, false);
                if (why.isEmpty()) {
                    allowed.add(a);
                } else if (firstRefusal == null) {
                    firstRefusal = a.getAddress().getHostAddress() + " is " + why.get();
                }
            }
            if (allowed.isEmpty() && firstRefusal != null) {
                throw new IOException("not fetched: " + firstRefusal + "; this server does not connect there");
            }
            return allowed;
        };
    }

    /** The domain clients of {@code options}, with the policy fetcher behind {@link #policyHosts}. */
    DomainLookups lookups(CheckOptions options) {
        DomainLookups plain = DomainLookups.create(options.domain(), options.anchors(), options.step());
        PolicyHostResolver viaDns = PolicyHostResolver.dns(plain.dns());
        int port = options.domain().policyPort();
        PolicyHostResolver base = port == PolicyHostResolver.HTTPS_PORT ? viaDns
                : host -> viaDns.resolve(host).stream().map(a -> new InetSocketAddress(a.getAddress(), port)).toList();
        var fetcher = new StsPolicyFetcher(PolicyTrust.only(options.anchors().anchors()), policyHosts(base), options.step());
        return new DomainLookups(plain.dns(), fetcher);
    }

    /** The report with the guard's own finding for the endpoints it kept the engine from. */
    CheckReport withRefusals(CheckReport r) {
        if (refused.isEmpty()) {
            return r;
        }
        List<EndpointReport> endpoints = new ArrayList<>();
        for (EndpointReport e : r.endpoints()) {
            EndpointVerdict v = e.verdict();
            endpoints.add(new EndpointReport(e.facts(), new EndpointVerdict(replace(v.findings(), e.facts()), v.outcome())));
        }
        List<Finding> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            findings.add(isRefusal(f) ? notAllowed(f) : f);
        }
        return new CheckReport(r.target(), r.startedAt(), r.millis(), r.outcome(), findings, endpoints, r.delivery(),
                r.domain());
    }

    private List<Finding> replace(List<Finding> findings, EndpointFacts facts) {
        Endpoint e = facts.endpoint();
        if (!refused.contains(e.hostPort())) {
            return findings;
        }
        return findings.stream().map(f -> isRefusal(f) ? notAllowed(f) : f).toList();
    }

    private boolean isRefusal(Finding f) {
        return f.endpoint() != null && refused.contains(f.endpoint())
                && f.detail().contains("this server does not connect there");
    }

    private static Finding notAllowed(Finding f) {
        return new Finding(ADDRESS_NOT_ALLOWED, Severity.INFO, "Not checked: the address is not a public one", f.detail(),
                "Nothing to fix on the mail server if this is intended; a public checker cannot reach such addresses. "
                        + "Run mailtls from inside that network, or serve with --allow-private.", f.endpoint());
    }
}
