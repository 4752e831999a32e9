package io.mailtls.audit;

import io.mailtls.dns.DnsClient;
import io.mailtls.dns.DnsConfig;
import io.mailtls.policy.mtasts.PolicyHostResolver;
import io.mailtls.policy.mtasts.PolicyTrust;
import io.mailtls.policy.mtasts.StsPolicyFetcher;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The domain-level clients, made once per run and shared by every target: the DNSSEC-validating resolver and
 * the MTA-STS policy fetcher (trusting the JDK's roots plus {@code --ca-file}, on the configured policy port).
 *
 * @param dns     the resolver
 * @param fetcher the policy fetcher
 */
public record DomainLookups(DnsClient dns, StsPolicyFetcher fetcher) implements AutoCloseable {

    /** Builds the clients from the options; bad files or addresses throw one-line IllegalArgumentExceptions. */
    public static DomainLookups create(DomainOptions d, io.mailtls.cert.TrustAnchors certAnchors, Duration step) {
        io.mailtls.dns.TrustAnchors anchors = d.trustAnchor() == null ? io.mailtls.dns.TrustAnchors.root()
                : io.mailtls.dns.TrustAnchors.fromFile(d.trustAnchor());
        DnsConfig config = new DnsConfig(Optional.ofNullable(d.resolver()), DnsConfig.DEFAULT_TIMEOUT, anchors);
        DnsClient dns = DnsClient.create(config);
        // The policy host is checked against the same anchors as the MX certificates (the JDK's plus --ca-file).
        var trust = PolicyTrust.only(certAnchors.anchors());
        PolicyHostResolver viaDns = PolicyHostResolver.dns(dns);
        int port = d.policyPort();
        PolicyHostResolver resolver = port == PolicyHostResolver.HTTPS_PORT ? viaDns
                : host -> viaDns.resolve(host).stream().map(a -> new InetSocketAddress(a.getAddress(), port)).toList();
        return new DomainLookups(dns, new StsPolicyFetcher(trust, resolver, step));
    }

    /** The MX hosts' names, for MTA-STS coverage. */
    static List<String> names(List<io.mailtls.dns.MxHost> hosts) {
        return hosts.stream().map(io.mailtls.dns.MxHost::host).toList();
    }

    @Override
    public void close() {
        dns.close();
    }
}
