package io.mailtls.tls.probe;

import io.mailtls.tls.registry.NamedGroups;
import io.mailtls.tls.registry.ProtocolVersion;
import io.mailtls.tls.wire.ServerKeyExchange;
import io.mailtls.tls.wire.ServerResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Finds the server's groups. TLS 1.3: offer groups with an empty key_share, so the HelloRetryRequest
 * names the server's choice. TLS 1.2: offer only ECDHE suites and read the curve from the
 * ServerKeyExchange. After one hello with every candidate, the rest are split into lanes eliminated side
 * by side (one long chain of rounds costs a greeting delay per group on a slow server); then the found
 * groups offered backwards tell whether the server imposes its own order, and only then is it worked out.
 */
final class GroupScanner {
    private final Connector connector;
    private final HelloFacts facts;
    private final Notes notes;
    private final ExecutorService pool;
    private final int lanes;

    GroupScanner(Connector connector, HelloFacts facts, Notes notes, ExecutorService pool, int lanes) {
        this.connector = connector;
        this.facts = facts;
        this.notes = notes;
        this.pool = pool;
        this.lanes = Math.max(1, lanes);
    }

    /** The TLS 1.3 groups, offering these suites (the server's accepted TLS 1.3 suites). */
    List<Integer> tls13(HelloFactory hellos, List<Integer> suites) {
        return scan(HelloFactory.TLS13_GROUPS, groups -> hellos.tls13(suites, groups, false), ProtocolVersion.TLS_1_3);
    }

    /** The ECDHE curves of a TLS 1.2-or-earlier version, offering these ECDHE suites. */
    List<Integer> legacy(HelloFactory hellos, ProtocolVersion version, List<Integer> ecdheSuites) {
        return scan(HelloFactory.LEGACY_GROUPS, groups -> hellos.legacy(version, ecdheSuites, groups), version);
    }

    /**
     * The supported groups: in the server's order where it imposes one, else in the order of the candidates. The
     * first hello offers them all: its pick is the server's favourite, or the first it supports of ours.
     */
    private List<Integer> scan(List<Integer> candidates, Function<List<Integer>, byte[]> hello,
            ProtocolVersion version) {
        List<Integer> opening = eliminate(candidates, hello, version, true, 1);
        if (opening.isEmpty()) {
            return List.of();
        }
        int top = opening.getFirst();
        List<Integer> rest = new ArrayList<>(candidates);
        rest.remove(Integer.valueOf(top));
        List<List<Integer>> dealt = Candidates.deal(rest, lanes);
        List<CompletableFuture<List<Integer>>> running = new ArrayList<>();
        for (List<Integer> lane : dealt) {
            running.add(CompletableFuture.supplyAsync(() -> eliminate(lane, hello, version, true, lane.size()),
                    pool));
        }
        List<List<Integer>> picks = running.stream().map(CompletableFuture::join).toList();
        List<Integer> found = new ArrayList<>(candidates);
        List<Integer> all = new ArrayList<>(List.of(top));
        picks.forEach(all::addAll);
        found.retainAll(all);
        if (found.size() < 2) {
            return found;
        }
        List<Integer> reverse = new ArrayList<>(found);
        Collections.reverse(reverse);
        OptionalInt backward = pick(hello, reverse, version);
        if (backward.isEmpty()) {
            notes.inconclusive(version + " group order: no clear pick");
            return found;
        }
        if (backward.getAsInt() != top) {
            return found; // the server takes the client's first: the order is ours, not the server's
        }
        List<Integer> others = new ArrayList<>(found);
        others.remove(Integer.valueOf(top));
        List<Integer> ordered = new ArrayList<>(List.of(top));
        List<List<Integer>> withPicks = picks.stream().filter(p -> !p.isEmpty()).toList();
        // One lane's elimination already ran in the server's order; several need merging, by elimination again.
        ordered.addAll(withPicks.size() == 1 ? withPicks.getFirst()
                : eliminate(others, hello, version, false, others.size()));
        if (ordered.size() < found.size()) {
            notes.inconclusive(version + " group order: only the first " + ordered.size() + " of " + found.size()
                    + " groups ordered");
            found.stream().filter(g -> !ordered.contains(g)).forEach(ordered::add);
        }
        return ordered;
    }

    /**
     * Offers the remaining groups until the server refuses or {@code maxPicks} are found; picks come in the
     * server's order. With {@code untilRefused} false the list is known to be supported, so the last group needs
     * no round of its own.
     */
    private List<Integer> eliminate(List<Integer> candidates, Function<List<Integer>, byte[]> hello,
            ProtocolVersion version, boolean untilRefused, int maxPicks) {
        List<Integer> remaining = new ArrayList<>(candidates);
        List<Integer> found = new ArrayList<>();
        int unclear = 0;
        while (!remaining.isEmpty() && found.size() < maxPicks) {
            if (!untilRefused && remaining.size() == 1) {
                found.add(remaining.getFirst());
                break;
            }
            var attempt = connector.exchange(hello.apply(remaining));
            if (!(attempt instanceof ProbeAttempt.Completed<ServerResponse>(ServerResponse response))) {
                notes.inconclusive(version + " groups: " + describe(attempt));
                break;
            }
            facts.observe(response);
            OptionalInt group = groupOf(response);
            if (group.isEmpty()) {
                if (Answer.of(response) instanceof Answer.Unclear(String why)) {
                    if (unclear++ == 0) {
                        continue;
                    }
                    notes.inconclusive(version + " groups: " + why);
                }
                break;
            }
            if (!remaining.remove(Integer.valueOf(group.getAsInt()))) {
                notes.anomaly("chose group " + NamedGroups.nameOf(group.getAsInt()) + " in " + version
                        + ", which was not offered");
                break;
            }
            found.add(group.getAsInt());
        }
        return found;
    }

    private OptionalInt pick(Function<List<Integer>, byte[]> hello, List<Integer> offered, ProtocolVersion version) {
        var attempt = connector.exchange(hello.apply(offered));
        if (attempt instanceof ProbeAttempt.Completed<ServerResponse>(ServerResponse response)) {
            facts.observe(response);
            OptionalInt group = groupOf(response);
            return group.isPresent() && offered.contains(group.getAsInt()) ? group : OptionalInt.empty();
        }
        notes.inconclusive(version + " group order: " + describe(attempt));
        return OptionalInt.empty();
    }

    private static OptionalInt groupOf(ServerResponse response) {
        return switch (response) {
            case ServerResponse.HelloRetry r -> r.request().keyShareGroup();
            case ServerResponse.Hello h when h.serverHello().version() >= 0x0304 -> h.serverHello().keyShareGroup();
            case ServerResponse.Hello h -> h.keyExchange()
                    .filter(kx -> kx instanceof ServerKeyExchange.Ecdhe e && e.group() >= 0)
                    .map(kx -> OptionalInt.of(((ServerKeyExchange.Ecdhe) kx).group()))
                    .orElse(OptionalInt.empty());
            default -> OptionalInt.empty();
        };
    }

    private static String describe(ProbeAttempt<ServerResponse> attempt) {
        return switch (attempt) {
            case ProbeAttempt.Failed<ServerResponse>(FailureKind kind, String detail) -> kind + " " + detail;
            case ProbeAttempt.Inconclusive<ServerResponse>(String why) -> why;
            case ProbeAttempt.Completed<ServerResponse> c -> "completed";
        };
    }
}
