package io.mailtls.tls.probe;

import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.registry.ProtocolVersion;
import io.mailtls.tls.wire.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Finds a version's suites by elimination: offer the rest, note the pick, remove it, repeat until the
 * server refuses. Long lists are split into hellos of at most {@code maxSuitesPerHello}, each driven in
 * its own lane. The first hello alone settles "not supported", so an unsupported version costs one
 * connection; once it is settled the lanes run in parallel, within the connector's limit.
 */
final class SuiteEnumerator {
    private final Connector connector;
    private final HelloFactory hellos;
    private final HelloFacts facts;
    private final Notes notes;
    private final int maxSuitesPerHello;
    private final ExecutorService pool;

    SuiteEnumerator(Connector connector, HelloFactory hellos, HelloFacts facts, Notes notes, int maxSuitesPerHello,
            ExecutorService pool) {
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

    Enumeration enumerate(ProtocolVersion version, List<Integer> candidates) {
        if (candidates.isEmpty()) {
            return new Enumeration(version, null, List.of(), -1, true, false);
        }
        List<List<Integer>> chunks = chunks(candidates);
        Style style = Style.FULL;
        Answer first = ask(version, chunks.getFirst(), style);
        if (first instanceof Answer.Unclear) {
            first = ask(version, chunks.getFirst(), style); // one more try: a timeout can be load, not a verdict
        }
        if (first instanceof Answer.Rejected r && r.withoutAlert() && version.compareTo(ProtocolVersion.TLS_1_3) < 0
                && version != ProtocolVersion.SSL_3) {
            // Hanging up without an alert is how some old stacks refuse extensions; ask once more without them.
            Answer plain = ask(version, chunks.getFirst(), Style.PLAIN);
            if (plain instanceof Answer.Picked p && p.version() == version.code()) {
                notes.anomaly(version + " answers only hellos without extensions");
                style = Style.PLAIN;
                first = plain;
            }
        }
        if (first == null) {
            return new Enumeration(version, null, List.of(), -1, true, false);
        }
        if (first instanceof Answer.Rejected r && r.protocolVersionAlert()) {
            return new Enumeration(version, false, List.of(), -1, true, true);
        }
        if (first instanceof Answer.Picked p && p.version() != version.code()) {
            if (p.version() > version.code()) {
                notes.anomaly("answered a " + version + " hello with " + ProtocolVersion.nameOf(p.version()));
            }
            return new Enumeration(version, false, List.of(), -1, true, true);
        }
        Answer firstAnswer = first;
        Style laneStyle = style;
        List<CompletableFuture<Lane>> lanes = new ArrayList<>();
        lanes.add(CompletableFuture.supplyAsync(() -> lane(version, chunks.getFirst(), firstAnswer, laneStyle), pool));
        for (List<Integer> chunk : chunks.subList(1, chunks.size())) {
            lanes.add(CompletableFuture.supplyAsync(() -> lane(version, chunk, null, laneStyle), pool));
        }
        List<Integer> accepted = new ArrayList<>();
        boolean complete = true;
        int lanesWithPicks = 0;
        int firstPick = -1;
        for (CompletableFuture<Lane> future : lanes) {
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
        return new Enumeration(version, supported, accepted, firstPick, lanesWithPicks <= 1, complete);
    }

    /** Drives one list to a refusal; {@code answer} is the reply to the full list when already asked. */
    private Lane lane(ProtocolVersion version, List<Integer> offered, Answer answer, Style style) {
        List<Integer> remaining = new ArrayList<>(offered);
        List<Integer> accepted = new ArrayList<>();
        // An unclear first answer has had its retry already.
        int unclear = answer instanceof Answer.Unclear ? 1 : 0;
        while (!remaining.isEmpty()) {
            Answer a = answer != null ? answer : ask(version, remaining, style);
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
    private Answer ask(ProtocolVersion version, List<Integer> offered, Style style) {
        byte[] hello = version == ProtocolVersion.TLS_1_3 ? hellos.tls13(offered)
                : style == Style.PLAIN ? hellos.plain(version, offered) : hellos.legacy(version, offered);
        return switch (connector.exchange(hello)) {
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
