package io.mailtls.tls.jsse;

import io.mailtls.tls.registry.AlertDescriptions;
import io.mailtls.tls.registry.NamedGroups;
import io.mailtls.tls.wire.ServerFlightReader;
import io.mailtls.tls.wire.ServerKeyExchange;
import io.mailtls.tls.wire.ServerResponse;
import io.mailtls.tls.wire.WireLimits;

/**
 * Reads the plaintext part of a server's TLS flight, as copied by {@link TeeSocket}, with our own wire parser, for
 * the facts the JDK keeps to itself: whether the bytes were TLS at all, a plaintext alert, the key-exchange group.
 */
final class ServerFlightSniffer {
    /** What the sniffer found; fields are null when not seen. */
    record Flight(boolean tls, String firstBytes, String alert, String group, Integer dhBits) {
    }

    private ServerFlightSniffer() {
    }

    static Flight sniff(byte[] b) {
        if (b.length == 0) {
            return new Flight(true, "", null, null, null);
        }
        return switch (ServerFlightReader.read(b, WireLimits.DEFAULT)) {
            case ServerResponse.NotTls n -> new Flight(false, n.firstBytesHex() + " (\"" + n.printable() + "\")",
                    null, null, null);
            case ServerResponse.Alert a -> new Flight(true, "", AlertDescriptions.nameOf(a.description()), null, null);
            case ServerResponse.Hello h -> hello(h);
            default -> new Flight(true, "", null, null, null);
        };
    }

    private static Flight hello(ServerResponse.Hello h) {
        String alert = h.closingAlert().map(a -> AlertDescriptions.nameOf(a.description())).orElse(null);
        if (h.serverHello().keyShareGroup().isPresent()) {
            return new Flight(true, "", alert, NamedGroups.nameOf(h.serverHello().keyShareGroup().getAsInt()), null);
        }
        return switch (h.keyExchange().orElse(null)) {
            case ServerKeyExchange.Ecdhe e -> new Flight(true, "", alert, e.groupName(), null);
            case ServerKeyExchange.Dhe d -> new Flight(true, "", alert, "DH " + d.primeBits(), d.primeBits());
            case null, default -> new Flight(true, "", alert, null, null);
        };
    }
}
