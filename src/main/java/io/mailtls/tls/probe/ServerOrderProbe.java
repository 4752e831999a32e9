package io.mailtls.tls.probe;

import io.mailtls.tls.registry.ProtocolVersion;
import io.mailtls.tls.wire.ServerResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Whether the server imposes its own suite order: offer the accepted suites in our order and in
 * reverse; a server that follows the client picks differently, one that imposes its order picks the same.
 * The first hello of elimination already was the forward offer when all picks came from it.
 */
final class ServerOrderProbe {
    private final Connector connector;
    private final HelloFactory hellos;
    private final Notes notes;

    ServerOrderProbe(Connector connector, HelloFactory hellos, Notes notes) {
        this.connector = connector;
        this.hellos = hellos;
        this.notes = notes;
    }

    /** Empty when fewer than two suites are accepted or an answer was unclear. */
    Optional<Boolean> serverOrder(Enumeration e, List<Integer> ourOrder) {
        if (e.accepted().size() < 2) {
            return Optional.empty();
        }
        List<Integer> forward = new ArrayList<>(ourOrder);
        forward.retainAll(e.accepted());
        List<Integer> reverse = new ArrayList<>(forward);
        Collections.reverse(reverse);
        Optional<Integer> first = e.singleHello() ? Optional.of(e.firstPick()) : pick(e.version(), forward);
        Optional<Integer> second = pick(e.version(), reverse);
        if (first.isEmpty() || second.isEmpty()) {
            notes.inconclusive(e.version() + " server order: no clear pick");
            return Optional.empty();
        }
        return Optional.of(first.get().equals(second.get()));
    }

    private Optional<Integer> pick(ProtocolVersion version, List<Integer> offered) {
        byte[] hello = version == ProtocolVersion.TLS_1_3 ? hellos.tls13(offered) : hellos.legacy(version, offered);
        if (connector.exchange(hello) instanceof ProbeAttempt.Completed<ServerResponse>(ServerResponse r)
                && Answer.of(r) instanceof Answer.Picked p && p.version() == version.code()) {
            return Optional.of(p.suite());
        }
        return Optional.empty();
    }
}
