package io.mailtls.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** The one place where network exceptions become typed failures, with a reason per branch. */
public final class Failures {
    private Failures() {
    }

    /** Classifies an I/O exception that happened in {@code phase}. */
    public static Failure classify(IOException e, Phase phase) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        return switch (e) {
            case UnknownHostException u -> new Failure(Failure.Kind.UNRESOLVED, Phase.RESOLVE,
                    "the name does not resolve to any address", msg);
            case ConnectException c when lower.contains("refused") -> new Failure(Failure.Kind.REFUSED, phase,
                    "the connection was refused: nothing listens on that port, or a firewall rejects us", msg);
            case SocketTimeoutException t when phase == Phase.CONNECT -> new Failure(Failure.Kind.CONNECT_TIMEOUT,
                    phase, "no answer to the TCP connection attempt: a firewall drops it, or the host is down", msg);
            case SocketTimeoutException t when phase == Phase.GREETING -> new Failure(Failure.Kind.TIMEOUT, phase,
                    "connected, but the server sent no complete greeting in time", msg);
            case SocketTimeoutException t -> new Failure(Failure.Kind.TIMEOUT, phase,
                    "the server stopped answering during " + phase.label(), msg);
            case NoRouteToHostException n -> new Failure(Failure.Kind.UNREACHABLE, phase,
                    "no route to the host", msg);
            case PortUnreachableException p -> new Failure(Failure.Kind.UNREACHABLE, phase,
                    "the port is unreachable", msg);
            case ConnectException c -> new Failure(Failure.Kind.UNREACHABLE, phase, "the connection failed", msg);
            case EOFException eof -> new Failure(Failure.Kind.CLOSED, phase,
                    "the server closed the connection during " + phase.label(), msg);
            case SocketException s when lower.contains("reset") -> new Failure(Failure.Kind.RESET, phase,
                    "the server reset the connection during " + phase.label(), msg);
            case SocketException s when lower.contains("broken pipe") || lower.contains("closed") ->
                    new Failure(Failure.Kind.CLOSED, phase, "the server closed the connection during " + phase.label(), msg);
            default -> new Failure(Failure.Kind.CLOSED, phase, "the connection failed during " + phase.label(), msg);
        };
    }
}
