package io.mailtls.tls.probe;

import io.mailtls.tls.registry.CipherSuite;
import io.mailtls.tls.registry.CipherSuites;
import io.mailtls.tls.wire.ServerResponse;
import java.util.List;

/** One SSLv2 CLIENT-HELLO: an SSLv2 server answers with every CIPHER-SPEC it shares, so one connection tells all. */
final class Sslv2Probe {
    private final Connector connector;
    private final HelloFactory hellos;
    private final Notes notes;

    Sslv2Probe(Connector connector, HelloFactory hellos, Notes notes) {
        this.connector = connector;
        this.hellos = hellos;
        this.notes = notes;
    }

    /**
     * The result as an enumeration of SSLv2 CIPHER-SPEC codes.
     *
     * @return supported true with the specs, false on refusal, null when unclear
     */
    Sslv2Result probe() {
        var attempt = connector.exchange(hellos.sslv2(), ConnectionGate.Priority.ONE_OFF);
        if (!(attempt instanceof ProbeAttempt.Completed<ServerResponse>(ServerResponse response))) {
            notes.inconclusive("SSLv2: " + attempt);
            return new Sslv2Result(null, List.of());
        }
        return switch (response) {
            case ServerResponse.Sslv2Hello hello -> {
                if (hello.cipherSpecs().isEmpty()) {
                    notes.anomaly("SSLv2 enabled, but the SERVER-HELLO lists no cipher spec");
                }
                yield new Sslv2Result(true, hello.cipherSpecs().stream()
                        .map(c -> CipherSuites.sslv2ByCode(c).map(CipherSuite::ianaName)
                                .orElse(String.format("0x%06X", c)))
                        .toList());
            }
            case ServerResponse.Sslv2Error error -> {
                notes.anomaly("SSLv2 spoken, but the server answered with SSLv2 ERROR " + error.errorCode());
                yield new Sslv2Result(true, List.of());
            }
            case ServerResponse.Hello hello -> new Sslv2Result(false, List.of());
            default -> switch (Answer.of(response)) {
                case Answer.Rejected r -> new Sslv2Result(false, List.of());
                case Answer.Unclear(String why) -> {
                    notes.inconclusive("SSLv2: " + why);
                    yield new Sslv2Result(null, List.of());
                }
                case Answer.Picked p -> new Sslv2Result(false, List.of());
            };
        };
    }

    /**
     * SSLv2 support and the CIPHER-SPEC names.
     *
     * @param supported true, false, or null when undetermined
     * @param ciphers   the names of the shared CIPHER-SPECs
     */
    record Sslv2Result(Boolean supported, List<String> ciphers) {
    }
}
