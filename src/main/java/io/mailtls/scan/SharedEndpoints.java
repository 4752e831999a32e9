package io.mailtls.scan;

import io.mailtls.audit.CheckOptions;
import io.mailtls.audit.EndpointAudit;
import io.mailtls.audit.TargetAudit;
import io.mailtls.facts.EndpointFacts;
import io.mailtls.net.Endpoint;
import io.mailtls.net.Failure;
import io.mailtls.net.Mode;
import io.mailtls.net.Phase;
import io.mailtls.smtp.TranscriptLine;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The endpoint runner of a scan: each (address, port, expected name, mode) is checked once and its facts shared by
 * every target that names it, within a per-address connection limit that holds across targets, with a retry
 * after a growing pause when the server says "come back later" or drops the connection before TLS.
 */
public final class SharedEndpoints implements TargetAudit.EndpointRunner {
    /** What makes two endpoint checks the same. */
    record Key(InetAddress address, int port, String expectedName, Mode mode) {
    }

    /** Runs one conversation; {@link EndpointAudit#run} in a scan, something smaller in tests. */
    @FunctionalInterface
    public interface Conversation {
        EndpointFacts run(Endpoint endpoint, String expectedName);
    }

    private final Conversation conversation;
    private final Coalescer<Key, EndpointFacts> results;
    private final AddressGates gates;
    private final int retries;
    private final Duration retryDelay;

    /** A runner over {@link EndpointAudit} with the scan's limits. */
    public SharedEndpoints(CheckOptions options, ScanSettings settings) {
        this(quiet(new EndpointAudit(options)), settings);
    }

    private static Conversation quiet(EndpointAudit audit) {
        return (e, name) -> audit.run(e, name, line -> { });
    }

    /** A runner over any conversation (tests count and shape the conversations). */
    public SharedEndpoints(Conversation conversation, ScanSettings settings) {
        this.conversation = conversation;
        this.results = new Coalescer<>(settings.endpointCache(), f -> true, "mailtls-endpoint");
        this.gates = new AddressGates(settings.perAddress());
        this.retries = settings.retries();
        this.retryDelay = settings.retryDelay();
    }

    @Override
    public EndpointFacts run(Endpoint endpoint, String expectedName, Consumer<TranscriptLine> live) {
        if (endpoint.address() == null) {
            return conversation.run(endpoint, expectedName);
        }
        Key key = new Key(endpoint.address(), endpoint.port(), expectedName, endpoint.mode());
        try {
            return restamp(results.get(key, () -> attempts(endpoint, expectedName)), endpoint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return abandoned(endpoint, expectedName);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the check of " + endpoint.hostPort() + " failed: " + e.getCause(),
                    e.getCause());
        }
    }

    /** Conversations actually held (the rest were shared). */
    public long conversations() {
        return results.computed();
    }

    /** Endpoint checks answered by another target's conversation. */
    public long shared() {
        return results.shared();
    }

    int openGates() {
        return gates.size();
    }

    private EndpointFacts attempts(Endpoint endpoint, String expectedName) throws InterruptedException {
        List<String> notes = new ArrayList<>();
        for (int attempt = 0; ; attempt++) {
            AddressGates.Gate gate = gates.enter(endpoint.address());
            EndpointFacts facts;
            try {
                gate.acquire();
                try {
                    facts = conversation.run(endpoint, expectedName);
                } finally {
                    gate.release();
                }
                if (!transientFailure(facts) || attempt >= retries) {
                    return notes.isEmpty() ? facts : noted(facts, notes);
                }
                Duration pause = pause(attempt);
                gate.coolDown(pause);
                notes.add("attempt " + (attempt + 1) + " ended with " + facts.failure().kind() + " ("
                        + facts.failure().detail() + "); retried after " + pause.toMillis() + " ms");
            } finally {
                gates.leave(endpoint.address(), gate);
            }
        }
    }

    /** "Come back later", or a connection dropped before TLS: what busy or defensive servers do to a burst. */
    static boolean transientFailure(EndpointFacts f) {
        Failure failure = f.failure();
        if (failure == null || f.tlsEstablished()) {
            return false;
        }
        return switch (failure.kind()) {
            case THROTTLED -> true;
            case RESET, CLOSED -> switch (failure.phase()) {
                case CONNECT, GREETING, EHLO -> true;
                default -> false;
            };
            default -> false;
        };
    }

    private Duration pause(int attempt) {
        long base = retryDelay.toMillis() << attempt;
        long jitter = base / 4 == 0 ? 0 : ThreadLocalRandom.current().nextLong(-base / 4, base / 4 + 1);
        return Duration.ofMillis(Math.max(0, base + jitter));
    }

    private static EndpointFacts noted(EndpointFacts f, List<String> notes) {
        List<TranscriptLine> lines = new ArrayList<>();
        for (String n : notes) {
            lines.add(new TranscriptLine(0, TranscriptLine.From.NOTE, n));
        }
        lines.addAll(f.transcript());
        return new EndpointFacts(f.endpoint(), f.expectedName(), lines, f.smtp(), f.tls(), f.certificate(),
                f.failure(), f.afterTls(), f.probe(), f.smtpProbes());
    }

    /** The shared facts as this target's endpoint (its host name and MX preference may differ). */
    private static EndpointFacts restamp(EndpointFacts f, Endpoint endpoint) {
        if (f.endpoint().equals(endpoint)) {
            return f;
        }
        return new EndpointFacts(endpoint, f.expectedName(), f.transcript(), f.smtp(), f.tls(), f.certificate(),
                f.failure(), f.afterTls(), f.probe(), f.smtpProbes());
    }

    private static EndpointFacts abandoned(Endpoint endpoint, String expectedName) {
        Failure f = new Failure(Failure.Kind.DEADLINE, Phase.CONNECT,
                "the scan's deadline for this target passed while it waited for this endpoint", "");
        return new EndpointFacts(endpoint, expectedName, List.of(), null, null, null, f, null);
    }
}
