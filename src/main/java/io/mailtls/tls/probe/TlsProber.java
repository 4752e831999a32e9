package io.mailtls.tls.probe;

import io.mailtls.tls.registry.CipherSuite;
import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.registry.NamedGroups;
import io.mailtls.tls.registry.ProtocolVersion;
import io.mailtls.net.Deadline;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deep probe of one endpoint: every version's suites by elimination (which also settles version
 * support), then server order and groups, each step starting as soon as what it needs is known.
 * Renegotiation, compression, heartbeat and DH size come free with the hellos. Runs on virtual threads
 * within the connector's per-server connection limit.
 */
public final class TlsProber {
    private static final Logger LOG = LoggerFactory.getLogger(TlsProber.class);
    private static final List<ProtocolVersion> TLS_VERSIONS = List.of(ProtocolVersion.TLS_1_3,
            ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0, ProtocolVersion.SSL_3);
    private static final List<ProtocolVersion> LEGACY_BY_PREFERENCE = List.of(ProtocolVersion.TLS_1_2,
            ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0, ProtocolVersion.SSL_3);

    private TlsProber() {
    }

    /** Probes the target; never throws for anything the server does. */
    public static TlsProfile probe(ProbeTarget target, ProbeOptions options) {
        return probe(target, options, new ConnectionGate(options.maxConnections()));
    }

    /**
     * Probes the target within a connection gate shared with the caller's own connections to the same server
     * (the basic check's conversation holds one permit while the probes run beside it).
     */
    public static TlsProfile probe(ProbeTarget target, ProbeOptions options, ConnectionGate gate) {
        long start = System.nanoTime();
        Connector connector = new Connector(target, options, Deadline.in(options.scanTimeout()), gate);
        HelloFactory hellos = new HelloFactory(target.sni());
        HelloFacts facts = new HelloFacts();
        Notes notes = new Notes();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var enumerator = new SuiteEnumerator(connector, hellos, facts, notes, options.maxSuitesPerHello(),
                    options.maxConnections(), pool);
            var sslv2 = CompletableFuture.supplyAsync(() -> new Sslv2Probe(connector, hellos, notes).probe(), pool);
            Map<ProtocolVersion, CompletableFuture<Enumeration>> enums = new EnumMap<>(ProtocolVersion.class);
            for (ProtocolVersion v : TLS_VERSIONS) {
                enums.put(v, CompletableFuture.supplyAsync(() -> enumerator.enumerate(v, Candidates.forVersion(v)),
                        pool));
            }
            var allEnums = CompletableFuture.allOf(enums.values().toArray(CompletableFuture[]::new));
            var scanner = new GroupScanner(connector, facts, notes, pool, options.maxConnections());
            // TLS 1.3 groups need only to know that TLS 1.3 works: they start after its first answer, beside the
            // elimination of its suites, which on a slow server is several greeting delays long.
            CompletableFuture<List<Integer>> groups = enumerator.firstAnswer(ProtocolVersion.TLS_1_3)
                    .thenComposeAsync(tls13 -> tls13
                            ? CompletableFuture.completedFuture(scanner.tls13(hellos,
                                    Candidates.forVersion(ProtocolVersion.TLS_1_3)))
                            : allEnums.thenApplyAsync(done -> legacyGroups(enums, scanner, hellos), pool), pool);
            // Starts at once: it waits only for the versions it needs, highest first (usually TLS 1.2 alone).
            CompletableFuture<Optional<Boolean>> order = CompletableFuture.supplyAsync(
                    () -> serverOrder(enums, new ServerOrderProbe(connector, hellos, notes)), pool);
            CompletableFuture<Map<ProtocolVersion, Enumeration>> results = order.thenCombineAsync(allEnums,
                    (serverOrder, done) -> reorder(enums, serverOrder.orElse(false), enumerator), pool);

            Map<ProtocolVersion, Enumeration> byVersion = join(results, Map.of(), notes);
            Sslv2Probe.Sslv2Result v2 = join(sslv2, new Sslv2Probe.Sslv2Result(null, List.of()), notes);
            Boolean serverOrder = join(order, Optional.<Boolean>empty(), notes).orElse(null);
            List<Integer> groupCodes = join(groups, List.<Integer>of(), notes);
            connector.gaveUp().ifPresent(why -> notes.inconclusive("stopped early: " + why));
            TlsProfile profile = profile(byVersion, v2, serverOrder, groupCodes, facts, notes,
                    connector.connections(), (System.nanoTime() - start) / 1_000_000);
            LOG.debug("{}: deep probe done with {} connections in {} ms", target.endpoint(), profile.connections(),
                    profile.elapsedMillis());
            return profile;
        }
    }

    private static List<Integer> legacyGroups(Map<ProtocolVersion, CompletableFuture<Enumeration>> enums,
            GroupScanner scanner, HelloFactory hellos) {
        for (ProtocolVersion v : LEGACY_BY_PREFERENCE) {
            List<Integer> ecdhe = enums.get(v).join().accepted().stream()
                    .filter(s -> CipherSuites.byCode(s).map(CipherSuite::keyExchange)
                            .filter(kx -> kx.equals("ECDHE")).isPresent())
                    .toList();
            if (!ecdhe.isEmpty()) {
                return scanner.legacy(hellos, v, ecdhe);
            }
        }
        return List.of();
    }

    /** The highest pre-1.3 version with a choice decides; TLS 1.3 only when nothing older has one. */
    private static Optional<Boolean> serverOrder(Map<ProtocolVersion, CompletableFuture<Enumeration>> enums,
            ServerOrderProbe probe) {
        List<ProtocolVersion> order = new ArrayList<>(LEGACY_BY_PREFERENCE);
        order.add(ProtocolVersion.TLS_1_3);
        for (ProtocolVersion v : order) {
            Enumeration e = enums.get(v).join();
            if (e.accepted().size() >= 2) {
                return e.serverOrder() != null ? Optional.of(e.serverOrder())
                        : probe.serverOrder(e, Candidates.forVersion(v));
            }
        }
        return Optional.empty();
    }

    /** When the server imposes its order but picks came from several hellos, one more elimination orders them. */
    private static Map<ProtocolVersion, Enumeration> reorder(Map<ProtocolVersion, CompletableFuture<Enumeration>> enums,
            boolean serverOrder, SuiteEnumerator enumerator) {
        Map<ProtocolVersion, Enumeration> out = new EnumMap<>(ProtocolVersion.class);
        enums.forEach((v, future) -> {
            Enumeration e = future.join();
            if (serverOrder && !e.singleHello() && e.accepted().size() >= 2) {
                Enumeration again = enumerator.enumerate(v, e.accepted());
                if (again.complete() && again.accepted().size() == e.accepted().size()) {
                    e = new Enumeration(v, e.supported(), again.accepted(), again.firstPick(), true, e.complete(),
                            e.serverOrder());
                }
            }
            out.put(v, e);
        });
        return out;
    }

    private static TlsProfile profile(Map<ProtocolVersion, Enumeration> results, Sslv2Probe.Sslv2Result sslv2,
            Boolean serverOrder, List<Integer> groups, HelloFacts facts, Notes notes, int connections, long millis) {
        Map<String, Boolean> protocols = new LinkedHashMap<>();
        Map<String, List<String>> ciphers = new LinkedHashMap<>();
        protocols.put(ProtocolVersion.SSL_2.displayName(), sslv2.supported());
        if (!sslv2.ciphers().isEmpty()) {
            ciphers.put(ProtocolVersion.SSL_2.displayName(), sslv2.ciphers());
        }
        for (ProtocolVersion v : List.of(ProtocolVersion.SSL_3, ProtocolVersion.TLS_1_0, ProtocolVersion.TLS_1_1,
                ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_3)) {
            Enumeration e = results.get(v);
            protocols.put(v.displayName(), e == null ? null : e.supported());
            if (e != null && !e.accepted().isEmpty()) {
                ciphers.put(v.displayName(), e.accepted().stream().map(CipherSuites::nameOf).toList());
            }
        }
        return new TlsProfile(protocols, ciphers, serverOrder, groups.stream().map(NamedGroups::nameOf).toList(),
                facts.minDhBits(), facts.secureRenegotiation(), facts.compression(), facts.heartbeat(), connections,
                millis, notes.inconclusive(), notes.anomalies());
    }

    private static <T> T join(CompletableFuture<T> future, T fallback, Notes notes) {
        try {
            return future.join();
        } catch (CompletionException e) {
            // A bug of ours must not take the whole report down; it is reported as what it is.
            LOG.warn("probe step failed", e.getCause());
            notes.inconclusive("internal error: " + e.getCause());
            return fallback;
        }
    }
}
