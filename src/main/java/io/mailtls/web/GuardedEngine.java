package io.mailtls.web;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.DomainLookups;
import io.mailtls.audit.TargetAudit;
import io.mailtls.facts.EndpointFacts;
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

/**
 * The SSRF guard inside the engine, for what the engine resolves itself (MX hosts and their addresses, implicit
 * MX, the MTA-STS policy host): every connection is judged on the exact address it is about to use, so no DNS
 * answer, first or rebound, can take it to a refused one. One instance per check.
 */
final class GuardedEngine {
    /** The finding an endpoint gets when the guard did not let the engine connect to it. */
    static final String ADDRESS_NOT_ALLOWED = "ADDRESS_NOT_ALLOWED";

    private final boolean allowPrivate;

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
            String detail = "not checked: " + endpoint.addressText() + " is " + why.get()
                    + "; this server does not connect there";
            TranscriptLine note = new TranscriptLine(0, TranscriptLine.From.NOTE, detail);
            live.accept(note);
            Failure f = new Failure(Failure.Kind.NOT_ALLOWED, Phase.CONNECT, detail, "");
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
}
