package io.mailtls.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/** Finds a domain's mail hosts: MX lookup, null MX, implicit MX, and each host's addresses. */
public final class MxResolver {
    /** At most this many distinct MX hosts are resolved; more are noted, not followed. */
    public static final int MAX_HOSTS = 16;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final DnsClient dns;

    public MxResolver(DnsClient dns) {
        this.dns = dns;
    }

    /** Resolves {@code domain}'s MX set; never throws for DNS problems, they are in the facts. */
    public MxFacts resolve(String domain) {
        String name = DnsNames.display(domain);
        DnsAnswer<MxRecord> mx = dns.mx(domain);
        return switch (mx.outcome()) {
            case ANSWER -> listed(name, mx);
            case NODATA -> {
                Addresses own = dns.addresses(domain);
                if (own.exists()) {
                    var implicit = new MxHost(0, own.host(), false, own);
                    yield new MxFacts(name, MxKind.IMPLICIT, mx, List.of(implicit), own, false, false);
                }
                yield new MxFacts(name, own.conclusive() ? MxKind.NONE : MxKind.LOOKUP_FAILED, mx, List.of(), own,
                        false, false);
            }
            case NXDOMAIN -> new MxFacts(name, MxKind.NONE, mx, List.of(), null, false, false);
            default -> new MxFacts(name, MxKind.LOOKUP_FAILED, mx, List.of(), null, false, false);
        };
    }

    private MxFacts listed(String domain, DnsAnswer<MxRecord> mx) {
        List<MxRecord> records = mx.records();
        boolean hasNull = records.stream().anyMatch(MxRecord::isNullTarget);
        if (hasNull && records.size() == 1) {
            return new MxFacts(domain, MxKind.NULL_MX, mx, List.of(), null, false, false);
        }
        // Records arrive sorted by preference; the first mention of a host keeps its best preference.
        Map<String, Integer> distinct = new LinkedHashMap<>();
        for (MxRecord r : records) {
            if (!r.isNullTarget()) {
                distinct.putIfAbsent(r.host(), r.preference());
            }
        }
        boolean capped = distinct.size() > MAX_HOSTS;
        List<MxHost> hosts = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Addresses>> lookups = new ArrayList<>();
            List<Map.Entry<String, Integer>> chosen = distinct.entrySet().stream().limit(MAX_HOSTS).toList();
            for (var e : chosen) {
                lookups.add(pool.submit(() -> dns.addresses(e.getKey())));
            }
            for (int i = 0; i < chosen.size(); i++) {
                String host = chosen.get(i).getKey();
                hosts.add(new MxHost(chosen.get(i).getValue(), host, isIpLiteral(host), await(lookups.get(i), host)));
            }
        }
        return new MxFacts(domain, MxKind.LISTED, mx, hosts, null, hasNull, capped);
    }

    private static Addresses await(Future<Addresses> lookup, String host) {
        try {
            return lookup.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(host, "interrupted");
        } catch (ExecutionException e) {
            return failed(host, String.valueOf(e.getCause()));
        }
    }

    private static Addresses failed(String host, String why) {
        return new Addresses(host, DnsAnswer.failed(host, "A", DnsOutcome.NETWORK_ERROR, why),
                DnsAnswer.failed(host, "AAAA", DnsOutcome.NETWORK_ERROR, why));
    }

    /** True for an exchange written as an address ({@code 192.0.2.1} or an IPv6 form). */
    static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || host.startsWith("[") || host.indexOf(':') >= 0;
    }
}
