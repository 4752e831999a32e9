package io.mailtls.tls.probe;

import io.mailtls.tls.registry.NamedGroups;
import io.mailtls.tls.registry.ProtocolVersion;
import io.mailtls.tls.wire.ServerKeyExchange;
import io.mailtls.tls.wire.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Finds the server's groups by elimination. TLS 1.3: offer the groups with an empty key_share, so
 * the HelloRetryRequest names the server's choice. TLS 1.2: offer only ECDHE suites and read the curve
 * from the ServerKeyExchange. Either way the pick order is the order the server negotiates in.
 */
final class GroupScanner {
    private final Connector connector;
    private final HelloFactory hellos;
    private final HelloFacts facts;
    private final Notes notes;

    GroupScanner(Connector connector, HelloFactory hellos, HelloFacts facts, Notes notes) {
        this.connector = connector;
        this.hellos = hellos;
        this.facts = facts;
        this.notes = notes;
    }

    /** The TLS 1.3 groups, offering these suites (the server's accepted TLS 1.3 suites). */
    List<Integer> tls13(List<Integer> suites) {
        return eliminate(HelloFactory.TLS13_GROUPS, remaining -> hellos.tls13(suites, remaining, false),
                ProtocolVersion.TLS_1_3);
    }

    /** The ECDHE curves of a TLS 1.2-or-earlier version, offering these ECDHE suites. */
    List<Integer> legacy(ProtocolVersion version, List<Integer> ecdheSuites) {
        return eliminate(HelloFactory.LEGACY_GROUPS, remaining -> hellos.legacy(version, ecdheSuites, remaining),
                version);
    }

    private List<Integer> eliminate(List<Integer> candidates, java.util.function.Function<List<Integer>, byte[]> hello,
            ProtocolVersion version) {
        List<Integer> remaining = new ArrayList<>(candidates);
        List<Integer> found = new ArrayList<>();
        int unclear = 0;
        while (!remaining.isEmpty()) {
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
