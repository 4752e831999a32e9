package io.mailtls.tls.probe;

import io.mailtls.tls.registry.CipherSuite;
import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.registry.NamedGroups;
import io.mailtls.tls.registry.ProtocolVersion;
import io.mailtls.tls.wire.Deadline;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deep probe of one endpoint: every version's suites by elimination (which also settles version
 * support), then server order and groups; renegotiation, compression, heartbeat and DH size come free
 * with the hellos. Runs on virtual threads within the connector's per-server connection limit.
 */
public final class TlsProber {
    private static final Logger LOG = LoggerFactory.getLogger(TlsProber.class);
    private static final List<ProtocolVersion> TLS_VERSIONS = List.of(ProtocolVersion.TLS_1_3,
            ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0, ProtocolVersion.SSL_3);

    private TlsProber() {
    }

    /** Probes the target; never throws for anything the server does. */
    public static TlsProfile probe(ProbeTarget target, ProbeOptions options) {
        long start = System.nanoTime();
        Connector connector = new Connector(target, options, Deadline.in(options.scanTimeout()));
        HelloFactory hellos = new HelloFactory(target.sni());
        HelloFacts facts = new HelloFacts();
        Notes notes = new Notes();
        var enumerator = new SuiteEnumerator(connector, hellos, facts, notes, options.maxSuitesPerHello());

        Map<ProtocolVersion, Enumeration> results = new EnumMap<>(ProtocolVersion.class);
        Sslv2Probe.Sslv2Result sslv2;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Sslv2Probe.Sslv2Result> v2 = pool.submit(() -> new Sslv2Probe(connector, hellos, notes).probe());
            Map<ProtocolVersion, Future<Enumeration>> futures = new EnumMap<>(ProtocolVersion.class);
            for (ProtocolVersion v : TLS_VERSIONS) {
                futures.put(v, pool.submit(() -> enumerator.enumerate(v, Candidates.forVersion(v))));
            }
            for (var e : futures.entrySet()) {
                results.put(e.getKey(), get(e.getValue(), new Enumeration(e.getKey(), null, List.of(), -1, true,
                        false), notes));
            }
            sslv2 = get(v2, new Sslv2Probe.Sslv2Result(null, List.of()), notes);

            // Second round: order and groups need the first round's accepted suites.
            Future<Optional<Boolean>> order = pool.submit(() -> serverOrder(results, connector, hellos, notes));
            Future<List<Integer>> groups = pool.submit(() -> groups(results, connector, hellos, facts, notes));
            Map<ProtocolVersion, Enumeration> ordered = get(pool.submit(
                    () -> reorder(results, order, enumerator)), results, notes);
            results.putAll(ordered);
            Optional<Boolean> serverOrder = get(order, Optional.empty(), notes);
            List<Integer> groupCodes = get(groups, List.of(), notes);
            connector.gaveUp().ifPresent(why -> notes.inconclusive("stopped early: " + why));
            TlsProfile profile = profile(results, sslv2, serverOrder.orElse(null), groupCodes, facts, notes,
                    connector.connections(), (System.nanoTime() - start) / 1_000_000);
            LOG.debug("{}: deep probe done with {} connections in {} ms", target.endpoint(), profile.connections(),
                    profile.elapsedMillis());
            return profile;
        }
    }

    private static Optional<Boolean> serverOrder(Map<ProtocolVersion, Enumeration> results, Connector connector,
            HelloFactory hellos, Notes notes) {
        var probe = new ServerOrderProbe(connector, hellos, notes);
        // The highest pre-1.3 version with a choice decides; TLS 1.3 only when nothing older has one.
        for (ProtocolVersion v : List.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0,
                ProtocolVersion.SSL_3, ProtocolVersion.TLS_1_3)) {
            Enumeration e = results.get(v);
            if (e != null && e.accepted().size() >= 2) {
                return probe.serverOrder(e, Candidates.forVersion(v));
            }
        }
        return Optional.empty();
    }

    /** When the server imposes its order but picks came from several hellos, one more elimination orders them. */
    private static Map<ProtocolVersion, Enumeration> reorder(Map<ProtocolVersion, Enumeration> results,
            Future<Optional<Boolean>> order, SuiteEnumerator enumerator) throws Exception {
        Map<ProtocolVersion, Enumeration> out = new EnumMap<>(ProtocolVersion.class);
        if (!order.get().orElse(false)) {
            return out;
        }
        for (var e : results.entrySet()) {
            Enumeration en = e.getValue();
            if (!en.singleHello() && en.accepted().size() >= 2) {
                Enumeration again = enumerator.enumerate(en.version(), en.accepted());
                if (again.complete() && again.accepted().size() == en.accepted().size()) {
                    out.put(e.getKey(), new Enumeration(en.version(), en.supported(), again.accepted(),
                            again.firstPick(), true, en.complete()));
                }
            }
        }
        return out;
    }

    private static List<Integer> groups(Map<ProtocolVersion, Enumeration> results, Connector connector,
            HelloFactory hellos, HelloFacts facts, Notes notes) {
        var scanner = new GroupScanner(connector, hellos, facts, notes);
        Enumeration tls13 = results.get(ProtocolVersion.TLS_1_3);
        if (tls13 != null && !tls13.accepted().isEmpty()) {
            return scanner.tls13(tls13.accepted());
        }
        for (ProtocolVersion v : List.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0,
                ProtocolVersion.SSL_3)) {
            Enumeration e = results.get(v);
            if (e == null) {
                continue;
            }
            List<Integer> ecdhe = e.accepted().stream()
                    .filter(s -> CipherSuites.byCode(s).map(CipherSuite::keyExchange)
                            .filter(kx -> kx.equals("ECDHE")).isPresent())
                    .toList();
            if (!ecdhe.isEmpty()) {
                return scanner.legacy(v, ecdhe);
            }
        }
        return List.of();
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
                List<String> names = new ArrayList<>();
                e.accepted().forEach(code -> names.add(CipherSuites.nameOf(code)));
                ciphers.put(v.displayName(), names);
            }
        }
        return new TlsProfile(protocols, ciphers, serverOrder, groups.stream().map(NamedGroups::nameOf).toList(),
                facts.minDhBits(), facts.secureRenegotiation(), facts.compression(), facts.heartbeat(), connections,
                millis, notes.inconclusive(), notes.anomalies());
    }

    private static <T> T get(Future<T> future, T fallback, Notes notes) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.inconclusive("interrupted");
            return fallback;
        } catch (ExecutionException e) {
            // A bug of ours must not take the whole report down; it is reported as what it is.
            LOG.warn("probe step failed", e.getCause());
            notes.inconclusive("internal error: " + e.getCause());
            return fallback;
        }
    }
}
