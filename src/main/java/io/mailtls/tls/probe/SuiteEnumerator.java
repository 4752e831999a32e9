package io.mailtls.tls.probe;

import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.registry.ProtocolVersion;
import io.mailtls.tls.wire.ServerResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Finds a version's suites by elimination: offer the rest, note the pick, remove it, repeat until the
 * server refuses. Long lists are split into hellos of at most {@code maxSuitesPerHello}, each driven in
 * its own lane. The first hello alone settles "not supported", so an unsupported version costs one
 * connection; once it is settled the lanes run in parallel, within the connector's limit. Below TLS 1.3
 * the second hello offers the first list backwards, which settles whether the server imposes its order;
 * where it does not, the rest of that list is dealt into parallel lanes too (the order is then ours).
 */
final class SuiteEnumerator {
    private final Connector connector;
    private final HelloFactory hellos;
    private final HelloFacts facts;
    private final Notes notes;
    private final int maxSuitesPerHello;
    private final int maxLanes;
    private final ExecutorService pool;
    private final Map<ProtocolVersion, CompletableFuture<Boolean>> firstAnswers = new ConcurrentHashMap<>();

    SuiteEnumerator(Connector connector, HelloFactory hellos, HelloFacts facts, Notes notes, int maxSuitesPerHello,
            int maxLanes, ExecutorService pool) {
        this.maxLanes = Math.max(1, maxLanes);
        this.connector = connector;
        this.hellos = hellos;
        this.facts = facts;
        this.notes = notes;
        this.maxSuitesPerHello = maxSuitesPerHello;
        this.pool = pool;
    }

    /** Whether hellos carry extensions; PLAIN is the fallback for servers intolerant of them. */
    private enum Style {
        FULL, PLAIN
    }

    /** The result of driving one hello's list to a refusal. */
    private record Lane(List<Integer> accepted, boolean complete) {
    }

    /**
     * Completes with whether the server picked a suite of this version in the first hello, as soon as that is
     * known (long before the version's elimination ends), so work that needs only that can start early.
     */
    CompletableFuture<Boolean> firstAnswer(ProtocolVersion version) {
        return firstAnswers.computeIfAbsent(version, v -> new CompletableFuture<>());
    }

    Enumeration enumerate(ProtocolVersion version, List<Integer> candidates) {
        try {
            return enumerateSettling(version, candidates);
        } finally {
            firstAnswer(version).complete(false); // a no-op once settled
        }
    }

    private Enumeration enumerateSettling(ProtocolVersion version, List<Integer> candidates) {
        if (candidates.isEmpty()) {
            return new Enumeration(version, null, List.of(), -1, true, false, null);
        }
        List<List<Integer>> chunks = chunks(candidates);
        Style style = Style.FULL;
        // The two newest versions have long chains of rounds ahead; an older one is usually refused at once.
        ConnectionGate.Priority opening = version.compareTo(ProtocolVersion.TLS_1_2) >= 0
                ? ConnectionGate.Priority.CHAIN : ConnectionGate.Priority.ONE_OFF;
        Answer first = ask(version, chunks.getFirst(), style, opening);
        if (first instanceof Answer.Unclear) {
            // one more try: a timeout can be load, not a verdict
            first = ask(version, chunks.getFirst(), style, opening);
        }
        if (first instanceof Answer.Rejected r && r.withoutAlert() && version.compareTo(ProtocolVersion.TLS_1_3) < 0
                && version != ProtocolVersion.SSL_3) {
            // Hanging up without an alert is how some old stacks refuse extensions; ask once more without them.
            Answer plain = ask(version, chunks.getFirst(), Style.PLAIN, opening);
            if (plain instanceof Answer.Picked p && p.version() == version.code()) {
                notes.anomaly(version + " answers only hellos without extensions");
                style = Style.PLAIN;
                first = plain;
            }
        }
        if (first == null) {
            return new Enumeration(version, null, List.of(), -1, true, false, null);
        }
        if (first instanceof Answer.Rejected r && r.protocolVersionAlert()) {
            return new Enumeration(version, false, List.of(), -1, true, true, null);
        }
        if (first instanceof Answer.Picked p && p.version() != version.code()) {
            if (p.version() > version.code()) {
                notes.anomaly("answered a " + version + " hello with " + ProtocolVersion.nameOf(p.version()));
            }
            return new Enumeration(version, false, List.of(), -1, true, true, null);
        }
        firstAnswer(version).complete(true);
        Answer firstAnswer = first;
        Style laneStyle = style;
        List<CompletableFuture<Lane>> later = new ArrayList<>();
        for (List<Integer> chunk : chunks.subList(1, chunks.size())) {
            later.add(CompletableFuture.supplyAsync(() -> lane(version, chunk, null, laneStyle, false), pool));
        }
        List<Integer> head = chunks.getFirst();
        Head found = first instanceof Answer.Picked p && version.compareTo(ProtocolVersion.TLS_1_3) < 0
                && head.size() >= 2 ? byOrder(version, head, p, laneStyle) : null;
        if (found == null) {
            found = new Head(null, List.of(), List.of(CompletableFuture.supplyAsync(
                    () -> lane(version, head, firstAnswer, laneStyle, true), pool)));
        }
        boolean complete = true;
        List<Integer> fromHead = new ArrayList<>(found.known());
        for (CompletableFuture<Lane> future : found.lanes()) {
            Lane lane = future.join();
            complete &= lane.complete();
            fromHead.addAll(lane.accepted());
        }
        if (Boolean.FALSE.equals(found.serverOrder())) {
            // The server follows the client, so the order that counts is ours.
            fromHead.sort(Comparator.comparingInt(head::indexOf));
        }
        List<Integer> accepted = new ArrayList<>(fromHead);
        int lanesWithPicks = fromHead.isEmpty() ? 0 : 1;
        int firstPick = first instanceof Answer.Picked p ? p.suite() : -1;
        for (CompletableFuture<Lane> future : later) {
            Lane lane = future.join();
            complete &= lane.complete();
            if (!lane.accepted().isEmpty()) {
                lanesWithPicks++;
                if (firstPick < 0) {
                    firstPick = lane.accepted().getFirst();
                }
            }
            accepted.addAll(lane.accepted());
        }
        Boolean supported = !accepted.isEmpty() ? Boolean.TRUE : complete ? Boolean.FALSE : null;
        return new Enumeration(version, supported, accepted, firstPick, lanesWithPicks <= 1, complete,
                found.serverOrder());
    }

    /**
     * The first list's suites still to find: known ones, and lanes driving the rest.
     *
     * @param serverOrder whether the server imposes its order, null when not asked or unclear
     */
    private record Head(Boolean serverOrder, List<Integer> known, List<CompletableFuture<Lane>> lanes) {
    }

    /**
     * Round two: the first list backwards. A server that imposes its order picks the same suite again, and one
     * lane keeps the picks in its order. One that follows the client picks another suite, found for free, and
     * the rest is dealt into lanes driven side by side: on a fast server a long list is a long chain of rounds.
     * Null when the answer is unclear (one lane, as if not asked).
     */
    private Head byOrder(ProtocolVersion version, List<Integer> head, Answer.Picked first, Style style) {
        List<Integer> backwards = new ArrayList<>(head);
        Collections.reverse(backwards);
        Answer back = ask(version, backwards, style, ConnectionGate.Priority.CHAIN);
        if (!(back instanceof Answer.Picked second) || second.version() != version.code()
                || !head.contains(second.suite())) {
            return null;
        }
        if (second.suite() == first.suite()) {
            return new Head(true, List.of(), List.of(CompletableFuture.supplyAsync(
                    () -> lane(version, head, first, style, true), pool)));
        }
        List<Integer> rest = new ArrayList<>(head);
        rest.removeAll(List.of(first.suite(), second.suite()));
        List<List<Integer>> dealt = Candidates.deal(rest, maxLanes);
        List<CompletableFuture<Lane>> lanes = dealt.stream()
                .map(list -> CompletableFuture.supplyAsync(() -> lane(version, list, null, style, true), pool))
                .toList();
        return new Head(false, List.of(first.suite(), second.suite()), lanes);
    }

    /** Drives one list to a refusal; {@code answer} is the reply to the full list when already asked. */
    private Lane lane(ProtocolVersion version, List<Integer> offered, Answer answer, Style style, boolean chain) {
        List<Integer> remaining = new ArrayList<>(offered);
        List<Integer> accepted = new ArrayList<>();
        // An unclear first answer has had its retry already.
        int unclear = answer instanceof Answer.Unclear ? 1 : 0;
        while (!remaining.isEmpty()) {
            // A later list's first round is usually its only one (the exotic suites); after a pick it is a chain.
            ConnectionGate.Priority priority = !chain && accepted.isEmpty() && remaining.size() == offered.size()
                    ? ConnectionGate.Priority.ONE_OFF : ConnectionGate.Priority.CHAIN;
            Answer a = answer != null ? answer : ask(version, remaining, style, priority);
            answer = null;
            switch (a) {
                case null -> {
                    return new Lane(accepted, false);
                }
                case Answer.Unclear(String why) -> {
                    if (unclear++ == 0) {
                        continue;
                    }
                    notes.inconclusive(version + " cipher suites: " + why);
                    return new Lane(accepted, false);
                }
                case Answer.Rejected r -> {
                    return new Lane(accepted, true);
                }
                case Answer.Picked p when p.version() != version.code() -> {
                    notes.anomaly("switched from " + version + " to " + ProtocolVersion.nameOf(p.version())
                            + " when offered " + remaining.size() + " other suites");
                    return new Lane(accepted, true);
                }
                case Answer.Picked p when !remaining.contains(p.suite()) -> {
                    notes.anomaly("chose " + CipherSuites.nameOf(p.suite()) + " in " + version
                            + ", which was not offered");
                    return new Lane(accepted, false);
                }
                case Answer.Picked p -> {
                    remaining.remove(Integer.valueOf(p.suite()));
                    accepted.add(p.suite());
                }
            }
        }
        return new Lane(accepted, true);
    }

    /** One round; null when the connection failed, which ends the lane. */
    private Answer ask(ProtocolVersion version, List<Integer> offered, Style style,
            ConnectionGate.Priority priority) {
        byte[] hello = version == ProtocolVersion.TLS_1_3 ? hellos.tls13(offered)
                : style == Style.PLAIN ? hellos.plain(version, offered) : hellos.legacy(version, offered);
        return switch (connector.exchange(hello, priority)) {
            case ProbeAttempt.Completed<ServerResponse>(ServerResponse response) -> {
                facts.observe(response);
                yield Answer.of(response);
            }
            case ProbeAttempt.Failed<ServerResponse>(FailureKind kind, String detail) -> {
                notes.inconclusive(version + " cipher suites: " + kind + " " + detail);
                yield null;
            }
            case ProbeAttempt.Inconclusive<ServerResponse>(String why) -> new Answer.Unclear(why);
        };
    }

    private List<List<Integer>> chunks(List<Integer> candidates) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i += maxSuitesPerHello) {
            out.add(candidates.subList(i, Math.min(candidates.size(), i + maxSuitesPerHello)));
        }
        return out;
    }
}
