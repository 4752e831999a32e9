package io.mailtls.tls.probe;

import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.registry.ProtocolVersion;
import io.mailtls.tls.wire.ServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a version's suites by elimination: offer the rest, note the pick, remove it, repeat until the
 * server refuses. Long lists are split into hellos of at most {@code maxSuitesPerHello}. The same run
 * answers whether the version is supported at all, so no separate version probe is needed.
 */
final class SuiteEnumerator {
    private final Connector connector;
    private final HelloFactory hellos;
    private final HelloFacts facts;
    private final Notes notes;
    private final int maxSuitesPerHello;

    SuiteEnumerator(Connector connector, HelloFactory hellos, HelloFacts facts, Notes notes, int maxSuitesPerHello) {
        this.connector = connector;
        this.hellos = hellos;
        this.facts = facts;
        this.notes = notes;
        this.maxSuitesPerHello = maxSuitesPerHello;
    }

    Enumeration enumerate(ProtocolVersion version, List<Integer> candidates) {
        List<Integer> accepted = new ArrayList<>();
        int firstPick = -1;
        boolean complete = true;
        boolean laterHelloHit = false;
        List<List<Integer>> chunks = chunks(candidates);
        for (int c = 0; c < chunks.size(); c++) {
            List<Integer> remaining = new ArrayList<>(chunks.get(c));
            int unclear = 0;
            while (!remaining.isEmpty()) {
                Answer answer = ask(version, remaining);
                if (answer == null) {
                    return new Enumeration(version, accepted.isEmpty() ? null : true, accepted, firstPick,
                            !laterHelloHit, false);
                }
                if (answer instanceof Answer.Unclear(String why)) {
                    if (unclear++ == 0) {
                        continue; // one more try: a timeout can be load, not a verdict
                    }
                    notes.inconclusive(version + " cipher suites: " + why);
                    complete = false;
                    break;
                }
                if (answer instanceof Answer.Rejected rejected) {
                    if (rejected.protocolVersionAlert() && accepted.isEmpty()) {
                        return new Enumeration(version, false, accepted, firstPick, true, true);
                    }
                    break;
                }
                var picked = (Answer.Picked) answer;
                if (picked.version() != version.code()) {
                    if (accepted.isEmpty() && c == 0 && remaining.size() == chunks.get(0).size()) {
                        if (picked.version() > version.code()) {
                            notes.anomaly("answered a " + version + " hello with "
                                    + ProtocolVersion.nameOf(picked.version()));
                        }
                        return new Enumeration(version, false, accepted, firstPick, true, true);
                    }
                    notes.anomaly("switched from " + version + " to " + ProtocolVersion.nameOf(picked.version())
                            + " when offered " + remaining.size() + " other suites");
                    break;
                }
                if (!remaining.contains(picked.suite())) {
                    notes.anomaly("chose " + CipherSuites.nameOf(picked.suite()) + " in " + version
                            + ", which was not offered");
                    complete = false;
                    break;
                }
                remaining.remove(Integer.valueOf(picked.suite()));
                accepted.add(picked.suite());
                if (firstPick < 0) {
                    firstPick = picked.suite();
                }
                laterHelloHit |= c > 0;
            }
        }
        Boolean supported = !accepted.isEmpty() ? Boolean.TRUE : complete ? Boolean.FALSE : null;
        return new Enumeration(version, supported, accepted, firstPick, !laterHelloHit, complete);
    }

    /** One round; null when the connection failed, which ends the enumeration. */
    private Answer ask(ProtocolVersion version, List<Integer> offered) {
        byte[] hello = version == ProtocolVersion.TLS_1_3 ? hellos.tls13(offered) : hellos.legacy(version, offered);
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
