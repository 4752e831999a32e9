package io.mailtls.tls.probe;

/** The outcome of bringing a fresh connection to the point where a ClientHello may be sent. */
public sealed interface PreambleResult {

    /** The connection is ready for the ClientHello. */
    record Ready() implements PreambleResult {
    }

    /**
     * The preamble failed; the probe is then inconclusive, never "not supported".
     *
     * @param kind   the failure class (THROTTLED, CONNECTION_RESET, PREAMBLE...)
     * @param detail the evidence, e.g. the server's reply line
     */
    record Failed(FailureKind kind, String detail) implements PreambleResult {
    }

    /** The shared ready value. */
    static PreambleResult ready() {
        return new Ready();
    }
}
