package io.mailtls.tls.probe;

import io.mailtls.net.Deadline;
import java.net.Socket;

/**
 * What must be said on a fresh connection before the ClientHello: nothing for implicit TLS, the
 * SMTP greeting, EHLO and STARTTLS for a mail server (plugged in from outside this package).
 */
@FunctionalInterface
public interface Preamble {

    /** Nothing to say: the ClientHello is the first byte on the wire. */
    Preamble NONE = (socket, deadline) -> PreambleResult.ready();

    /** Implicit TLS (SMTPS on port 465): the same as {@link #NONE}. */
    Preamble IMPLICIT_TLS = NONE;

    /**
     * Brings a connected socket to the point where the ClientHello can be sent. Implementations must
     * bound every read by the deadline and must not throw for anything the server says.
     */
    PreambleResult prepare(Socket socket, Deadline deadline);
}
