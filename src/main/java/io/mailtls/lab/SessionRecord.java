package io.mailtls.lab;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.mailtls.lab.record.ClientConduct;

/**
 * What happened in one finished SMTP session, for the lab's per-endpoint log.
 *
 * @param scenario    the endpoint's scenario
 * @param number      the session's number on its endpoint, from 1
 * @param client      the peer's address
 * @param started     when the connection was accepted
 * @param duration    how long it lasted
 * @param commands    the command verbs received, in order (bounded; see {@link #MAX_COMMANDS})
 * @param tlsProtocol the negotiated TLS version, or null when no handshake completed
 * @param tlsCipher   the negotiated cipher suite (IANA name), or null when no handshake completed
 * @param messages    messages accepted with 250 after DATA
 * @param end         how the session ended, with the evidence (such as a handshake error)
 * @param conduct     what the client did beyond its verbs (EHLO name, ClientHello, mail), for the recorder
 */
public record SessionRecord(Scenario scenario, long number, InetSocketAddress client, Instant started,
                            Duration duration, List<String> commands, String tlsProtocol, String tlsCipher,
                            int messages, String end, ClientConduct conduct) {

    /** How many command verbs a record keeps; later ones are counted in the last entry. */
    public static final int MAX_COMMANDS = 64;

    public SessionRecord {
        commands = List.copyOf(commands);
        conduct = conduct == null ? ClientConduct.NONE : conduct;
    }

    /** Whether a TLS handshake completed in this session. */
    public boolean tls() {
        return tlsProtocol != null;
    }

    /** One line for a log: scenario, number, peer, commands, TLS, ending, duration. */
    public String logLine() {
        String verbs = commands.isEmpty() ? "-" : String.join(" ", commands);
        String tlsPart = tls() ? tlsProtocol + "/" + tlsCipher : "none";
        return "%s #%d %s:%d commands=[%s] tls=%s messages=%d end=%s %d ms".formatted(scenario.id(), number,
                client.getAddress().getHostAddress(), client.getPort(), verbs, tlsPart, messages, end,
                duration.toMillis());
    }
}
